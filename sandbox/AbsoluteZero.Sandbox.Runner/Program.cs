// The runner's protocol and execution loop are built in the executor issue; see sandbox/README.md once present.
return 0;
