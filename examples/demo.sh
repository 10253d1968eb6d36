#!/usr/bin/env bash
# The main job end to end on examples/, in a temporary git repository: init, the commit
# hook, create, validate, a guarded commit, usage, render, deploy, status, redact, and one
# deliberately unknown secret failing cleanly. Never touches the repository's own vault/.
# Usage: examples/demo.sh PATH-TO-TRESOR
set -euo pipefail
tresor="$1"
examples="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/tresor-demo.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" HOME="$work"
unset TRESOR_KEY TRESOR_KEY_FILE
# The workspace: a repository folder with the processes, and a private output folder
# beside it (rendered files hold plaintext and never belong in the repository).
mkdir -p "$work/repo"
cd "$work/repo"
cp -R "$examples/processes" processes

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { step "$*"; "$@"; }

git init -q
git config user.email demo@example.com
git config user.name "Demo"
run "$tresor" init
# Step 1 also guards commits: the hook checks what each commit stages.
export TRESOR="$tresor"
run "$tresor" hook install
# Fake values made up for the demo; some hold quotes, backslashes, <, & and a newline to
# show that each lands escaped for its context.
create() { # NAME TYPE DISPLAY VALUE
    step "printf '%s' '<fake value>' | tresor create $1 --type $2 --display-name \"$3\""
    printf '%s' "$4" | "$tresor" create "$1" --type "$2" --display-name "$3"
}
create FTP_HOST host "Partner FTP host" 'ftp.partner.example.com'
create FTP_USER username "Partner FTP user" 'demo-uploader'
create FTP_PASSWORD password "Partner FTP password" 'fake-Ftp"Pass\word<&>'
create CARRIER_LOGIN username "Carrier portal login" 'demo-shipper'
create CARRIER_PASSWORD password "Carrier portal password" $'fake-carrier-pass\nsecond line'
create CARRIER_API_KEY api-key "Carrier API key" 'fake-carrier-api-key-0000'
create CRM_API_TOKEN token "CRM bearer token" 'fake-crm-token-1111'
create CRM_API_KEY api-key "CRM API key" 'fake-crm-key-"2222"'
create SMTP_USER username "Mail relay user" 'demo-mailer'
create SMTP_PASSWORD password "Mail relay password" 'fake-smtp-pass]]>3333'

run "$tresor" list
run "$tresor" validate
run git add vault processes
run git commit -q -m "Secrets and processes"
run "$tresor" usage FTP_PASSWORD
run "$tresor" render processes --out ../rendered --verbose

step "grep -n 'ftp.partner\\|demo-uploader\\|fake-Ftp' ../rendered/camunda7/invoice-upload.bpmn"
grep -n 'ftp.partner\|demo-uploader\|fake-Ftp' ../rendered/camunda7/invoice-upload.bpmn
step "sed -n '/payload/,/]]><\\/camunda/p' ../rendered/camunda7/shipment-tracking.bpmn"
sed -n '/payload/,/]]><\/camunda/p' ../rendered/camunda7/shipment-tracking.bpmn
step "grep -n 'credentials\\|smtp' ../rendered/camunda8/shipment-tracking-c8.bpmn"
grep -n 'credentials\|smtp' ../rendered/camunda8/shipment-tracking-c8.bpmn
run cat ../rendered/shipment-tracking-c8/track_shipment.json

step "echo '{\"password\": \"{{secret:FTP_PASSWORD}}\"}' | tresor render -"
echo '{"password": "{{secret:FTP_PASSWORD}}"}' | "$tresor" render -

# Step 6 of the workflow: deploy (processes, one file per task input, a manifest), ask
# what went stale since, and mask values in a log line.
run "$tresor" deploy --out ../deployed
run "$tresor" status --out ../deployed
step "grep -h 'fake-Ftp' ../rendered/camunda7/invoice-upload.bpmn | tresor redact"
grep -h 'fake-Ftp' ../rendered/camunda7/invoice-upload.bpmn | "$tresor" redact

# One deliberately unknown secret: the whole render fails and writes nothing.
cp "$examples/broken/legacy-ftp-export.bpmn" processes/camunda7/
step "tresor render processes --out ../rendered-2   # with a process naming a deleted secret"
if "$tresor" render processes --out ../rendered-2; then
    echo "demo: the render should have failed" >&2
    exit 1
fi
[ ! -e ../rendered-2 ] || { echo "demo: a failed render left output behind" >&2; exit 1; }
printf '\n\033[1mdemo: the failed render wrote nothing (no ../rendered-2/). Demo complete.\033[0m\n'
