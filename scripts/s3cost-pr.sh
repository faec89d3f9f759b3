#!/usr/bin/env bash
# s3cost-pr.sh: the cost report of a pull request (or merge request), for CI.
#
#   scripts/s3cost-pr.sh BASE_REF [PATH...]
#
# Runs, from the repository root (or any directory: PATHs are relative to
# the current directory, as for git):
#
#   s3cost check PATH... $S3COST_CHECK_FLAGS --format markdown --out $OUT_DIR/check.md
#   s3cost diff BASE/PATH PATH $S3COST_DIFF_FLAGS --format markdown   (for each PATH)
#
# where BASE/PATH is PATH as it was at BASE_REF (extracted with git archive),
# and writes $OUT_DIR/comment.md: both reports, ready to post as one pull
# request comment. PATH defaults to workloads/.
#
# Environment:
#   S3COST              the s3cost binary (default: s3cost on PATH)
#   OUT_DIR             where the reports go (default: ./s3cost-report)
#   S3COST_CHECK_FLAGS  extra flags for check, e.g. "--budget monthly=500 --max-overspend 25"
#   S3COST_DIFF_FLAGS   extra flags for diff, e.g. "--fail-above 10%"
#   (the flags are split on whitespace; a value cannot contain a space)
#
# A PATH that did not exist at BASE_REF (or held no *.yaml/*.yml there) is
# new: s3cost diff needs a BASE with workload files, so its diff is skipped
# and diff.md says so; its datasets are still held against every budget by
# check. A PATH whose base version is invalid is reported the same way (the
# pull request may be the fix); the head version is validated by check.
#
# Exit status, always after comment.md is written:
#   0  every check holds and no diff limit is exceeded
#   1  a check failed (s3cost check), or the increase is over --fail-above
#   2  bad input: an invalid workload, a bad flag, a BASE_REF that is not a
#      commit (a shallow clone? fetch with fetch-depth: 0)
#   3  anything else (I/O, s3cost missing, git archive failing)
# The worst code wins: 3 over 2 over 1 over 0.
set -euo pipefail

prog='s3cost-pr.sh'
marker='<!-- s3cost-pr -->'

usage() {
	echo "usage: $prog BASE_REF [PATH...]   (PATH defaults to workloads/)" >&2
	exit 2
}

[[ $# -ge 1 && -n $1 && $1 != -* ]] || usage
base_ref=$1
shift
paths=("$@")
[[ ${#paths[@]} -gt 0 ]] || paths=(workloads/)

s3cost=${S3COST:-s3cost}
out_dir=${OUT_DIR:-s3cost-report}
read -r -a check_flags <<<"${S3COST_CHECK_FLAGS:-}"
read -r -a diff_flags <<<"${S3COST_DIFF_FLAGS:-}"

worst=0
# note CODE: remember the worst exit code; anything but 0, 1 or 2 is 3.
note() {
	local code=$1
	case $code in
	0 | 1 | 2) ;;
	*) code=3 ;;
	esac
	if ((code > worst)); then
		worst=$code
	fi
}

mkdir -p "$out_dir" || exit 3
check_md=$out_dir/check.md
diff_md=$out_dir/diff.md
comment_md=$out_dir/comment.md
rm -f "$check_md" "$diff_md" "$comment_md"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/s3cost-pr.XXXXXX") || exit 3
trap 'rm -rf "$tmp"' EXIT
base_dir=$tmp/base
mkdir "$base_dir"

# finish writes comment.md and exits with the worst code; called on every way out once
# the reports exist, so the CI job can post the comment whatever happened.
finish() {
	{
		echo "$marker"
		cat "$check_md"
		echo
		cat "$diff_md"
		echo
		echo "<sub>s3cost-pr.sh: base \`$base_ref\`${base_sha:+ (${base_sha:0:12})}; exit $worst</sub>"
	} >"$comment_md" || exit 3
	exit "$worst"
}

# error_block TITLE CODE STDERR_FILE: a Markdown section for a command that
# wrote no report (bad input, I/O), with what it printed.
error_block() {
	echo "### ⚠️ $1 (exit $2)"
	echo
	echo '```'
	cat "$3"
	echo '```'
}

base_sha=$(git rev-parse --verify --quiet "$base_ref^{commit}" 2>/dev/null) || base_sha=

# --- check: the head, every path at once, so --budget covers them all.
code=0
"$s3cost" check "${paths[@]}" "${check_flags[@]}" --format markdown --out "$check_md" 2>"$tmp/check.err" || code=$?
cat "$tmp/check.err" >&2
note "$code"
if [[ ! -s $check_md ]]; then
	error_block "s3cost check failed" "$code" "$tmp/check.err" >"$check_md"
fi

# --- diff: each path against its version at base_ref.
: >"$diff_md"
if [[ -z $base_sha ]]; then
	msg="$prog: $base_ref: not a commit in this clone (a shallow clone? fetch the history: fetch-depth: 0 on GitHub, GIT_DEPTH: 0 on GitLab)"
	echo "$msg" >&2
	note 2
	printf '%s\n' "$msg" >"$tmp/err"
	error_block "s3cost diff: no base to compare with" 2 "$tmp/err" >"$diff_md"
	finish
fi
for path in "${paths[@]}"; do
	rel=${path%/}
	[[ -n $rel ]] || rel=$path
	if ! git cat-file -e "$base_sha:./$rel" 2>/dev/null; then
		{
			echo "### s3cost diff: \`$path\` is new"
			echo
			echo "\`$path\` did not exist at \`$base_ref\`: every dataset in it is added, so there is nothing to diff. Its cost is in the check report above, held against its budgets and --budget."
			echo
		} >>"$diff_md"
		continue
	fi
	code=0
	git archive "$base_sha" -- "$rel" 2>"$tmp/archive.err" | tar -x -C "$base_dir" 2>>"$tmp/archive.err" || code=$?
	if ((code != 0)); then
		cat "$tmp/archive.err" >&2
		note 3
		error_block "s3cost diff: could not extract \`$path\` at \`$base_ref\`" 3 "$tmp/archive.err" >>"$diff_md"
		continue
	fi
	base_path=$base_dir/$rel
	if [[ -d $base_path ]] && [[ -z $(find "$base_path" -type f \( -name '*.yaml' -o -name '*.yml' \) -print -quit) ]]; then
		{
			echo "### s3cost diff: \`$path\` is new"
			echo
			echo "\`$path\` held no workload files (*.yaml, *.yml) at \`$base_ref\`: every dataset in it is added, so there is nothing to diff. Its cost is in the check report above."
			echo
		} >>"$diff_md"
		continue
	fi
	if [[ ! -e $path ]]; then
		# check has already failed on it (exit 3); diff would say the same.
		continue
	fi
	code=0
	"$s3cost" diff "$base_path" "$path" "${diff_flags[@]}" --format markdown --out "$tmp/diff.md" 2>"$tmp/diff.err" || code=$?
	cat "$tmp/diff.err" >&2
	if ((code == 2)) && grep -q "^s3cost: $base_dir/" "$tmp/diff.err"; then
		# The base version is invalid; the head was validated by check.
		{
			echo "### s3cost diff: no diff for \`$path\`"
			echo
			echo "\`$path\` at \`$base_ref\` is not a valid workload, so there is nothing to compare with:"
			echo
			echo '```'
			sed "s|$base_dir/||g" "$tmp/diff.err"
			echo '```'
			echo
		} >>"$diff_md"
		continue
	fi
	note "$code"
	if [[ -s $tmp/diff.md ]]; then
		cat "$tmp/diff.md" >>"$diff_md"
		echo >>"$diff_md"
	else
		error_block "s3cost diff failed for \`$path\`" "$code" "$tmp/diff.err" >>"$diff_md"
	fi
	rm -f "$tmp/diff.md"
done

finish
