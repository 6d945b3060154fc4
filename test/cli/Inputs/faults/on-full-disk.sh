#!/bin/bash
# on-full-disk.sh DIR CMD...: runs CMD with DIR on a file system that is
# full: a 64 KiB tmpfs filled with zeros, mounted in a private mount
# namespace (so nothing stays mounted whatever happens). Where that cannot
# be done (not root, no user namespaces), it says why on stderr and runs CMD
# under a file-size limit of 1 KiB instead, where a write that grows a file
# past it fails with EFBIG as a full disk fails with ENOSPC.
dir=$1
shift
mkdir -p "$dir"
if unshare -m --propagation private true 2>/dev/null &&
   unshare -m --propagation private sh -c "mount -t tmpfs -o size=64k tmpfs '$dir'" 2>/dev/null; then
  exec unshare -m --propagation private bash -c '
    dir=$1; shift
    mount -t tmpfs -o size=64k tmpfs "$dir" || exit 90
    dd if=/dev/zero of="$dir/filler" bs=4k 2>/dev/null
    exec "$@"' on-full-disk "$dir" "$@"
fi
echo "on-full-disk.sh: note: cannot mount a tmpfs here (not root, or no mount namespaces); a file-size limit stands in for the full disk" >&2
trap '' XFSZ
ulimit -f 1
exec "$@"
