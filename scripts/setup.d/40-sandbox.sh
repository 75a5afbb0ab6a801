#!/usr/bin/env bash
# The executor isolates its runner processes with bubblewrap when it is installed (executor.isolation=auto). Install
# it when possible (Debian/Ubuntu, as root); otherwise runners run under prlimit only and `azr doctor` says so.
if command -v bwrap >/dev/null 2>&1; then
  echo "sandbox: bubblewrap present"
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  if apt-get install -y -q bubblewrap >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q bubblewrap >/dev/null 2>&1; }; then
    echo "sandbox: installed bubblewrap"
    exit 0
  fi
fi
echo "sandbox: bubblewrap not installed (runners will use prlimit only; install the bubblewrap package for namespaces)"
exit 0
