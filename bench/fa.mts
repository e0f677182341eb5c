const { benchFirstAnswer } = await import(process.argv[2]!)
await benchFirstAnswer('/tmp/speed13/archives/v3-100000.db', '/tmp/speed13/archives/plain-100000.db')
