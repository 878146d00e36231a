# Save the quick start's files in src/, then compile and run the version against the fake (no keys):
npx tsc
node dist/fake.js     # Paid 1
