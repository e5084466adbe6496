#!/usr/bin/env node
// Prints the 2025 year-end review computed by @passerelle/core over the demo data set.
import { yearEndReview } from '@passerelle/core';
import { demoData } from '@passerelle/core/demo';

const year = Number(process.argv[2] ?? 2025);
const review = yearEndReview(demoData(new Date()), year);
console.log(JSON.stringify(review, null, 2));
