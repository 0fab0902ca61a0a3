#!/usr/bin/env node
import { runServer } from "./runServer.ts"

/** `npm start`: the server on the embedded default store until SIGTERM/SIGINT, which drain and close it. */
runServer(process.argv.slice(2), process.env)
