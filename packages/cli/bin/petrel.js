#!/usr/bin/env node
import { runAndExit } from '../dist/main.js';

runAndExit(process.argv.slice(2));
