#!/usr/bin/env bash
# End to end, as a person would: run the real binary in tmux, log a meeting
# with the keyboard, quit, and check the file and `risks`/`coverage`. With
# no data file: start a partnership from the start screen, add two people,
# log a meeting, edit, mark left, delete and undo, checking the file after
# each step.
# Also: a big file, whose change is made and written on a thread, saved
# with Ctrl-S and q at once; the plan (view 4, Enter logs a step) and the coverage grid (view 5,
# Enter shows a cell's people); a what-if taken back with u leaves the file as it was, Enter in
# the attendee pick list chooses the match, resizing down to 80×24 and below, a broken file that must not
# touch the terminal, and SIGTERM/SIGHUP, after which the terminal must be
# back as it was. Run by .ci/run after `cargo test`.
#
#   bash tests/e2e_tmux.sh [path/to/partnermap]
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${1:-target/debug/partnermap}
if [ ! -x "$BIN" ]; then
  cargo build --quiet
fi
BIN=$(realpath "$BIN")
command -v tmux >/dev/null || { echo "tmux is not installed" >&2; exit 1; }

WORK=$(mktemp -d)
SESSION="partnermap-e2e-$$"
export TMUX_TMPDIR="$WORK"   # a private tmux server, whatever else runs
cleanup() {
  tmux kill-server 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# A session that outlives every test's own: killing the last session ends
# the tmux server, and a `new-session` racing that exit fails with "server
# exited unexpectedly" (seen on a loaded CI machine).
tmux new-session -d -s "keep-$$" -x 80 -y 24 "sleep 86400"

fail() {
  echo "FAIL: $*" >&2
  echo "---- screen ----" >&2
  tmux capture-pane -p -t "$SESSION" 2>/dev/null >&2 || true
  exit 1
}

# Waits until the screen shows $1 (a fixed string), up to 10 s.
wait_for() {
  for _ in $(seq 1 100); do
    if tmux capture-pane -p -t "$SESSION" 2>/dev/null | grep -qF -- "$1"; then
      return 0
    fi
    sleep 0.1
  done
  fail "the screen never showed: $1"
}

# Runs "$@" until it succeeds, up to 10 s: a change is written to the file
# on a thread, a moment after the screen shows it.
eventually() {
  for _ in $(seq 1 100); do
    "$@" && return 0
    sleep 0.1
  done
  return 1
}

DATA="$WORK/acme.json"
"$BIN" --file "$DATA" demo >/dev/null
li_direct() { "$BIN" --file "$DATA" coverage --format csv | awk -F, '$1 == "li" { print $6 }'; }
[ "$(li_direct)" = 1 ] || fail "the demo should have Li Wei covered once, not $(li_direct)"
"$BIN" --file "$DATA" risks --format csv | grep -q '^high,single-threaded,[0-9]*,li,' \
  || fail "the demo should list Li Wei as single-threaded"

echo "== open the UI at 120×40 and log a meeting with Li Wei and Ana Ruiz"
tmux new-session -d -s "$SESSION" -x 120 -y 40 \
  "'$BIN' --file '$DATA'; echo \"EXITED \$?\"; sleep 30"
wait_for "1 People"
wait_for "Li Wei"
tmux send-keys -t "$SESSION" Tab j m
wait_for "Log a meeting"
tmux send-keys -t "$SESSION" Tab
tmux send-keys -t "$SESSION" -l "E2E sync"
tmux send-keys -t "$SESSION" Tab
tmux send-keys -t "$SESSION" -l "ana"
tmux send-keys -t "$SESSION" Space Tab Enter
wait_for "Li Wei is no longer single-threaded"

echo "== resize to 80×24, then below it"
tmux resize-window -t "$SESSION" -x 80 -y 24
wait_for "? help"
tmux resize-window -t "$SESSION" -x 60 -y 20
wait_for "needs a terminal of at least 80×24"
tmux resize-window -t "$SESSION" -x 120 -y 40
wait_for "1 People"

echo "== quit: the terminal is restored and the exit code is 0"
tmux send-keys -t "$SESSION" q
wait_for "EXITED 0"
tmux capture-pane -p -t "$SESSION" | grep -qF "1 People" \
  && fail "the UI's screen is still shown after quitting"

echo "== the file holds the meeting, and the analysis changed"
grep -qF '"title": "E2E sync"' "$DATA" || fail "the meeting is not in the file"
"$BIN" --file "$DATA" check >/dev/null || fail "the saved file does not load"
[ "$(li_direct)" = 2 ] || fail "Li Wei should now be covered twice, not $(li_direct)"
"$BIN" --file "$DATA" risks --format csv | grep -q '^high,single-threaded,[0-9]*,li,' \
  && fail "Li Wei is still single-threaded"
tmux kill-session -t "$SESSION"

echo "== what-if then u: the last marking is taken back, the file is untouched"
cp "$DATA" "$WORK/before-what-if.json"
tmux new-session -d -s "$SESSION" -x 120 -y 40 \
  "'$BIN' --file '$DATA'; echo \"EXITED \$?\"; sleep 30"
wait_for "1 People"
wait_for "Marcus Bell"
tmux send-keys -t "$SESSION" x
wait_for "WHAT-IF, not saved: Marcus Bell gone"
tmux send-keys -t "$SESSION" u
wait_for "Marcus Bell is back"
tmux send-keys -t "$SESSION" q
wait_for "EXITED 0"
cmp -s "$DATA" "$WORK/before-what-if.json" \
  || fail "u in a what-if changed the data file"
tmux kill-session -t "$SESSION"

echo "== Enter in the attendee pick list chooses the match"
tmux new-session -d -s "$SESSION" -x 120 -y 40 \
  "'$BIN' --file '$DATA'; echo \"EXITED \$?\"; sleep 30"
wait_for "1 People"
wait_for "Li Wei"
tmux send-keys -t "$SESSION" Tab j m
wait_for "Log a meeting"
tmux send-keys -t "$SESSION" Tab
tmux send-keys -t "$SESSION" -l "E2E pick"
tmux send-keys -t "$SESSION" Tab
tmux send-keys -t "$SESSION" -l "leo"
tmux send-keys -t "$SESSION" Enter
wait_for "Li Wei, Leo Grant"
tmux send-keys -t "$SESSION" Tab
tmux send-keys -t "$SESSION" -l "picked with Enter"
tmux send-keys -t "$SESSION" Enter
wait_for "Logged meeting"
tmux send-keys -t "$SESSION" q
wait_for "EXITED 0"
grep -A8 '"title": "E2E pick"' "$DATA" | grep -qF '"leo"' \
  || fail "the meeting logged with Enter in the pick list does not hold Leo Grant"
tmux kill-session -t "$SESSION"

echo "== a big file: the change is made and written on a thread; q waits for the save"
BIG="$WORK/big.json"
"$BIN" generate --people 1500 --meetings 12000 --output "$BIG" >/dev/null 2>&1 \
  || fail "could not generate the big file"
tmux new-session -d -s "$SESSION" -x 120 -y 40 \
  "'$BIN' --file '$BIG'; echo \"EXITED \$?\"; sleep 30"
wait_for "1 People"
tmux send-keys -t "$SESSION" m
wait_for "Log a meeting"
tmux send-keys -t "$SESSION" Tab
tmux send-keys -t "$SESSION" -l "E2E big"
tmux send-keys -t "$SESSION" Tab
tmux send-keys -t "$SESSION" -l "Person 7"
tmux send-keys -t "$SESSION" Space
wait_for "[x] Person 7 "
# Ctrl-S and q at once: quitting waits for the change being written.
tmux send-keys -t "$SESSION" C-s q
wait_for "EXITED 0"
grep -qF '"title": "E2E big"' "$BIG" || fail "q did not wait for the save of the big file"
"$BIN" --file "$BIG" check >/dev/null || fail "the big file does not load after the save"
tmux kill-session -t "$SESSION"

echo "== view 4: the plan; Enter logs its first step; view 5: the grid; Enter shows a cell's people"
tmux new-session -d -s "$SESSION" -x 120 -y 40 \
  "'$BIN' --file '$DATA'; echo \"EXITED \$?\"; sleep 30"
wait_for "1 People"
tmux send-keys -t "$SESSION" 4
wait_for "Meeting plan · risk score"
wait_for "Selected step"
tmux send-keys -t "$SESSION" Enter
wait_for "Log a meeting"
tmux send-keys -t "$SESSION" Tab
tmux send-keys -t "$SESSION" -l "E2E plan step"
tmux send-keys -t "$SESSION" C-s
wait_for "Logged meeting"
wait_for "Meeting plan · risk score"
tmux send-keys -t "$SESSION" 5
wait_for "Coverage by team × level"
tmux send-keys -t "$SESSION" Enter
wait_for "(Esc: everyone)"
tmux send-keys -t "$SESSION" Escape
tmux send-keys -t "$SESSION" q
wait_for "EXITED 0"
grep -qF '"title": "E2E plan step"' "$DATA" || fail "the plan's step was not logged"
"$BIN" --file "$DATA" check >/dev/null || fail "the file does not load after the plan's step"
tmux kill-session -t "$SESSION"

echo "== a broken file: an error naming the file, exit 1, terminal untouched"
printf '{"schema": 1, "people": [' >"$WORK/broken.json"
tmux new-session -d -s "$SESSION" -x 120 -y 40 \
  "'$BIN' --file '$WORK/broken.json'; echo \"EXITED \$?\"; sleep 30"
wait_for "EXITED 1"
wait_for "broken.json"
tmux kill-session -t "$SESSION"

echo "== no data file: start a partnership, add two people, log a meeting, edit, mark left, delete and undo"
NEW="$WORK/ours.json"
people() { "$BIN" --file "$NEW" people --format csv; }
has_person() { people | grep -q "$1"; }
lacks_person() { ! people | grep -q "$1"; }
tmux new-session -d -s "$SESSION" -x 120 -y 40 \
  "'$BIN' --file '$NEW'; echo \"EXITED \$?\"; sleep 30"
wait_for "Start your own partnership"
[ ! -e "$NEW" ] || fail "the start screen wrote a file"
tmux send-keys -t "$SESSION" n
wait_for "Start a new partnership"
tmux send-keys -t "$SESSION" -l "Acme"
tmux send-keys -t "$SESSION" Tab
tmux send-keys -t "$SESSION" -l "Globex"
wait_for "Acme × Globex"
tmux send-keys -t "$SESSION" Tab Tab
tmux send-keys -t "$SESSION" -l "acme.example"
tmux send-keys -t "$SESSION" Tab
tmux send-keys -t "$SESSION" -l "globex.example"
tmux send-keys -t "$SESSION" Enter
wait_for "Started Acme × Globex"
wait_for "or i to import contacts"
"$BIN" --file "$NEW" check >/dev/null || fail "the new partnership does not load"
grep -qF '"globex.example"' "$NEW" || fail "the partner's domain is not in the file"
[ "$(people | wc -l)" = 1 ] || fail "a new partnership should have nobody in it"

tmux send-keys -t "$SESSION" a
wait_for "Add a person"
tmux send-keys -t "$SESSION" -l "Ana Ruiz"
tmux send-keys -t "$SESSION" C-s
wait_for "Added Ana Ruiz"
eventually has_person '^ana,Ana Ruiz,ours,' || fail "Ana Ruiz is not in the file"
tmux send-keys -t "$SESSION" Tab a
wait_for "Add a person"
tmux send-keys -t "$SESSION" -l "Li Wei"
tmux send-keys -t "$SESSION" C-s
wait_for "Added Li Wei"
eventually has_person '^li,Li Wei,partner,' || fail "Li Wei is not in the file"

tmux send-keys -t "$SESSION" m
wait_for "Log a meeting"
tmux send-keys -t "$SESSION" Tab
tmux send-keys -t "$SESSION" -l "Kickoff"
tmux send-keys -t "$SESSION" Tab
tmux send-keys -t "$SESSION" -l "ana"
tmux send-keys -t "$SESSION" Space Tab Enter
wait_for "Logged meeting m-0001"
eventually grep -qF '"title": "Kickoff"' "$NEW" || fail "the meeting is not in the file"

tmux send-keys -t "$SESSION" E
wait_for "Edit Li Wei (id li)"
tmux send-keys -t "$SESSION" Tab Tab
tmux send-keys -t "$SESSION" -l "CFO"
tmux send-keys -t "$SESSION" C-s
wait_for "Edited the title of Li Wei"
eventually has_person '^li,Li Wei,partner,CFO,' || fail "the edit is not in the file"

tmux send-keys -t "$SESSION" L
wait_for "Li Wei has left"
tmux send-keys -t "$SESSION" Enter
wait_for "Marked Li Wei as left on"
eventually has_person "^li,Li Wei,partner,CFO,staff,,,,$(date +%F),\$" \
  || fail "Li Wei's departure is not in the file: $(people)"

cp "$NEW" "$WORK/before-delete.json"
tmux send-keys -t "$SESSION" BTab D
wait_for "Delete Ana Ruiz (Acme)?"
wait_for "their place in 1 meeting"
tmux send-keys -t "$SESSION" y
wait_for "Deleted Ana Ruiz"
eventually lacks_person '^ana,' || fail "Ana Ruiz is still in the file"
grep -A3 '"attendees"' "$NEW" | grep -qF '"ana"' && fail "Ana Ruiz is still in the meeting"
tmux send-keys -t "$SESSION" u
wait_for "Undone: deleted Ana Ruiz"
eventually cmp -s "$NEW" "$WORK/before-delete.json" || fail "undoing the delete did not give back the file byte for byte"
tmux send-keys -t "$SESSION" q
wait_for "EXITED 0"
"$BIN" --file "$NEW" check >/dev/null || fail "the partnership does not load after the session"
tmux kill-session -t "$SESSION"

# Ends the UI with signal $1 and checks that the terminal is back: the
# normal screen (not the alternate one), the cursor shown, cooked mode (the
# shell's `stty` sees icanon), and what is printed next on the screen.
killed_by() {
  local signal=$1 code=$2
  echo "== SIG$signal: the terminal is restored, exit $code"
  tmux new-session -d -s "$SESSION" -x 120 -y 40 \
    "'$BIN' --file '$DATA'; echo \"EXITED \$?\"; stty -a | grep -qE '(^| )icanon( |\$)' && echo COOKED; printf 'AFTER\\n'; sleep 30"
  wait_for "1 People"
  [ "$(tmux display -p -t "$SESSION" '#{alternate_on}')" = 1 ] \
    || fail "the UI should be on the alternate screen"
  local shell pid
  shell=$(tmux display -p -t "$SESSION" '#{pane_pid}')
  pid=$(pgrep -P "$shell" -x partnermap) || fail "no partnermap process under the pane's shell"
  kill "-$signal" "$pid"
  wait_for "EXITED $code"
  wait_for "AFTER"
  tmux capture-pane -p -t "$SESSION" | grep -qF "COOKED" \
    || fail "SIG$signal left the terminal in raw mode"
  tmux capture-pane -p -t "$SESSION" | grep -qF "1 People" \
    && fail "SIG$signal left the UI's screen shown"
  [ "$(tmux display -p -t "$SESSION" '#{alternate_on}')" = 0 ] \
    || fail "SIG$signal left the terminal on the alternate screen"
  [ "$(tmux display -p -t "$SESSION" '#{cursor_flag}')" = 1 ] \
    || fail "SIG$signal left the cursor hidden"
  tmux kill-session -t "$SESSION"
}
killed_by TERM 143
killed_by HUP 129
"$BIN" --file "$DATA" check >/dev/null || fail "the file does not load after the signals"

echo "== the terminal goes away (tmux kill-session): the program ends too"
tmux new-session -d -s "$SESSION" -x 120 -y 40 "exec '$BIN' --file '$DATA'"
wait_for "bus factor"
PID=$(tmux display-message -p -t "$SESSION" '#{pane_pid}')
tmux kill-session -t "$SESSION"
for _ in $(seq 1 50); do
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$PID" 2>/dev/null; then
  kill -9 "$PID"
  fail "partnermap kept running after its terminal went away"
fi

echo "e2e: ok"
