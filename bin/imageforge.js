#!/usr/bin/env node
// Thin launcher for the bundled CLI (dist/bundle/, made by `npm run build`).
import process from 'node:process';
import { main } from '../dist/bundle/cli.js';

process.exitCode = await main(process.argv);
