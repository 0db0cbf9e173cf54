Error: could not open `runner-jvm.options'
