#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# tools/train/park.sh - keep training runs across machines: build/ does not outlive its machine, and a
# CIFAR-10 run on a CPU takes longer than a session.
#
#   park.sh park   [BUILD]   commit every run folder's state under BUILD/train (ckpt.pt, model.pt,
#                            history.json, train.json; not the data cache, not --subset smoke runs) as the
#                            one commit of branch train-park, replacing the last park: main never carries
#                            a checkpoint, and only the newest park stays reachable
#   park.sh unpark [BUILD]   restore them into BUILD/train; a file already there and newer is kept
#   park.sh list             what the last park holds
#
# Plumbing only (a private index, hash-object, write-tree, commit-tree, update-ref): the work tree, the
# index and HEAD are left alone. BUILD defaults to build.
set -eu
BRANCH=train-park
cmd=${1:-}
build=${2:-build}
root=$(git rev-parse --show-toplevel)
cd "$root"

case "$cmd" in
park)
    idx=$(mktemp)
    trap 'rm -f "$idx"' EXIT
    rm -f "$idx"
    n=0
    for f in "$build"/train/*/ckpt.pt "$build"/train/*/model.pt "$build"/train/*/history.json \
             "$build"/train/*/train.json; do
        [ -f "$f" ] || continue
        run=$(basename "$(dirname "$f")")
        case "$run" in data | *-subset[0-9]*) continue ;; esac
        blob=$(git hash-object -w -- "$f")
        GIT_INDEX_FILE=$idx git update-index --add --cacheinfo "100644,$blob,train/$run/$(basename "$f")"
        n=$((n + 1))
    done
    if [ "$n" = 0 ]; then
        echo "park.sh: nothing to park under $build/train" >&2
        exit 1
    fi
    tree=$(GIT_INDEX_FILE=$idx git write-tree)
    msg="train-park: $n files of $(GIT_INDEX_FILE=$idx git ls-files | cut -d/ -f2 | sort -u | xargs)"
    commit=$(echo "$msg" | git -c user.name="${GIT_AUTHOR_NAME:-st-accel}" \
        -c user.email="${GIT_AUTHOR_EMAIL:-st-accel@localhost}" commit-tree "$tree")
    git update-ref "refs/heads/$BRANCH" "$commit"
    echo "park.sh: $msg -> branch $BRANCH ($(git rev-parse --short "$commit"))"
    ;;
unpark)
    if ! git rev-parse -q --verify "refs/heads/$BRANCH" >/dev/null; then
        echo "park.sh: no branch $BRANCH: nothing was parked (make train-park)" >&2
        exit 1
    fi
    mkdir -p "$build"
    # git archive stamps every file with the park's time: a newer file here is a later epoch, kept
    git archive "$BRANCH" | tar -x --keep-newer-files -C "$build" 2>&1 | grep -v "is newer" >&2 || true
    echo "park.sh: restored $(git ls-tree -r --name-only "$BRANCH" | wc -l) files of branch $BRANCH into $build"
    ;;
list)
    git ls-tree -r -l "$BRANCH"
    ;;
*)
    echo "usage: park.sh park|unpark [BUILD] | park.sh list" >&2
    exit 2
    ;;
esac
