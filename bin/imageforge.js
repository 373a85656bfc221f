#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/. Run `npm run build` first when working from source.
import process from 'node:process';
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
