#!/usr/bin/env node
// The published entry: runs the compiled server (npm run build makes dist/).
import '../dist/src/main.js';
