process.stdout.write('petrel: not yet\n');
