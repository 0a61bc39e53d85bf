#!/usr/bin/env bash
# Everything the project needs from the OS and toolchains, checked (and installed) in one place.
#
#   scripts/bootstrap.sh [run|test]
#
#   run   what `make run` needs (the default)
#   test  adds what only the tests need (a headless browser, PDF tools) and Weaviate's Go
#
# Called by `make setup` (so by `make run` and `make test`) and, through `make test`, by
# .ci/run. As root on Debian/Ubuntu it installs what is missing with apt; otherwise it
# stops at once with one message that lists what is missing and the command to install it.
# When everything is there it takes a few hundredths of a second (no network, no package
# database, no JVM), so it runs on every `make` call instead of trusting a stamp.
set -euo pipefail

PROFILE="${1:-run}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${STACK_CACHE_DIR:-$REPO/.cache}"
PYTHON="${PYTHON:-python3}"

MIN_PYTHON=11 # 3.x (pyproject.toml: requires-python >= 3.11)
MIN_JAVA=17   # Neo4j 5.26
MIN_NODE=18   # the GraphiQL build and graphql-http
# Weaviate v1.35 needs Go >= 1.25; Debian 12 ships 1.19, which cannot switch toolchains
# itself (and Debian's newer Go packages pin GOTOOLCHAIN=local). Fetched into the cache.
MIN_GO=25 # 1.x
GO_TOOLCHAIN="go1.25.0"

# The one list. Columns: profile, Debian package, how to tell it is there, why.
#   profile   run: `make run` · weaviate: `make test`, or `make run` with VECTOR_BACKEND=weaviate
#             · test: `make test` only
#   check     cmd:NAME on PATH · file:PATH exists · lib:SONAME in the linker cache
#             · python, venv, jdk, node: a version or module check (below)
# shellcheck disable=SC2016 # backquotes in the text are literal
REQUIREMENTS='
# the project itself
run      python3                  python   the interpreter .venv is made from (3.11+)
run      python3-venv             venv     creates .venv with pip (Debian ships ensurepip apart)
run      make                     cmd:make the two commands
run      ca-certificates          file:/etc/ssl/certs/ca-certificates.crt  HTTPS for pip, npm, Maven, Go
# the dev stores (docs/stack.md)
run      redis-server             cmd:redis-server  Redis of the dev stack (README: why not a wheel)
run      passwd                   file:/usr/sbin/useradd  as root, PostgreSQL runs as a user made with useradd
run      openjdk-17-jdk-headless  jdk      Neo4j, embedded in a small Java launcher (java, javac 17+)
run      maven                    cmd:mvn  fetches the Neo4j jars
weaviate golang-go                cmd:go   builds Weaviate (go install); a Go >= 1.25 toolchain is fetched if older
# GraphiQL assets (web/) and the GraphQL-over-HTTP audit
run      nodejs                   node     builds the assets, runs the audit (Node 18+)
run      npm                      cmd:npm  installs them from web/package-lock.json
# document processing and exports
run      libmagic1                lib:libmagic.so.1  file type detection of uploads
run      fonts-wqy-microhei       file:/usr/share/fonts/truetype/wqy/wqy-microhei.ttc  Chinese glyphs in exports
run      libharfbuzz-subset0      lib:libharfbuzz-subset.so.0  font subsetting in PDF exports
run      libpango-1.0-0           lib:libpango-1.0.so.0  text layout in PDF exports
run      libpangoft2-1.0-0        lib:libpangoft2-1.0.so.0  text layout in PDF exports (FreeType)
# tests only
test     chromium                 cmd:chromium  headless browser tests of GraphiQL
test     poppler-utils            cmd:pdftotext  text checks of exported PDFs
test     poppler-data             file:/usr/share/poppler/cMap/Adobe-GB1  Chinese text in those checks
'

say() { printf 'bootstrap: %s\n' "$*" >&2; }

case "$PROFILE" in
    run) wanted=" run " ;;
    test) wanted=" run weaviate test " ;;
    *) say "unknown profile '$PROFILE' (expected run or test)"; exit 2 ;;
esac
backend="${VECTOR_BACKEND:-}"
if [ "${backend,,}" = weaviate ]; then
    wanted="$wanted weaviate "
fi

# major.minor of a version string such as "go1.19.8", "v18.20.4", "17.0.15" or "3.11"
version_at_least() { # $1 version, $2 required major, $3 required minor (or empty)
    local digits="${1#"${1%%[0-9]*}"}" major minor
    major="${digits%%.*}"
    minor="${digits#*.}"
    minor="${minor%%[!0-9]*}"
    [[ "$major" =~ ^[0-9]+$ ]] || return 1
    if [ -z "${3:-}" ]; then
        [ "$major" -ge "$2" ]
    else
        [ "$major" -gt "$2" ] || { [ "$major" -eq "$2" ] && [ "${minor:-0}" -ge "$3" ]; }
    fi
}

first_line() { # $1 file; prints nothing when it does not exist
    local line=""
    if [ -f "$1" ]; then IFS= read -r line <"$1" || true; fi # true: no final newline
    printf '%s' "$line"
}

LDCACHE=""
lib_present() {
    if [ -z "$LDCACHE" ]; then
        local ldconfig
        ldconfig="$(command -v ldconfig || echo /sbin/ldconfig)"
        LDCACHE="$("$ldconfig" -p 2>/dev/null || true)"
    fi
    [[ "$LDCACHE" == *$'\t'"$1 ("* ]]
}

# Sets PROBLEM to why a requirement is not met (empty when it is).
check() { # $1 check
    local kind="${1%%:*}" arg="${1#*:}" out
    PROBLEM=""
    case "$kind" in
        cmd) command -v "$arg" >/dev/null 2>&1 || PROBLEM="no \`$arg\` on PATH" ;;
        file) [ -e "$arg" ] || PROBLEM="no $arg" ;;
        lib) lib_present "$arg" || PROBLEM="no $arg" ;;
        python)
            if ! command -v "$PYTHON" >/dev/null 2>&1; then
                PROBLEM="no \`$PYTHON\` on PATH"
            elif [ ! -x "$REPO/.venv/bin/python" ]; then # checked once, before the venv exists
                out="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
                version_at_least "$out" 3 "$MIN_PYTHON" ||
                    PROBLEM="\`$PYTHON\` is $out, older than 3.$MIN_PYTHON (or set PYTHON=...)"
            fi
            ;;
        venv)
            if [ ! -x "$REPO/.venv/bin/python" ] &&
                ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
                PROBLEM="\`$PYTHON -m venv\` cannot install pip (no ensurepip)"
            fi
            ;;
        jdk)
            if ! command -v java >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
                PROBLEM="no \`java\` and \`javac\` on PATH"
                return
            fi
            # The JDK's `release` file, not `javac -version`: that starts a JVM (~1 s).
            local home version=""
            home="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
            if [ -f "$home/release" ]; then
                version="$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$home/release")"
            fi
            [ -n "$version" ] || version="$(javac -version 2>&1 | sed -n 's/^javac //p')"
            version_at_least "$version" "$MIN_JAVA" "" ||
                PROBLEM="javac is ${version:-of unknown version}, older than $MIN_JAVA"
            ;;
        node)
            if ! command -v node >/dev/null 2>&1; then
                PROBLEM="no \`node\` on PATH"
            else
                out="$(node --version 2>/dev/null || true)"
                version_at_least "$out" "$MIN_NODE" "" ||
                    PROBLEM="node is ${out:-of unknown version}, older than $MIN_NODE"
            fi
            ;;
        *) say "bad check '$1' in REQUIREMENTS"; exit 2 ;;
    esac
}

# Fills MISSING (packages) and REPORT (one line each) for the wanted profiles.
survey() {
    MISSING=()
    REPORT=""
    local profile package how why
    while read -r profile package how why; do
        case "$profile" in '' | '#'*) continue ;; esac
        [[ "$wanted" == *" $profile "* ]] || continue
        check "$how"
        if [ -n "$PROBLEM" ]; then
            MISSING+=("$package")
            REPORT+="$(printf '  %-24s %s  [%s]' "$package" "$why" "$PROBLEM")"$'\n'
        fi
    done <<<"$REQUIREMENTS"
}

survey
if [ "${#MISSING[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing with apt: ${MISSING[*]}"
        printf '%s' "$REPORT" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q
        apt-get install -y -q --no-install-recommends "${MISSING[@]}"
        hash -r
        LDCACHE=""
        survey
    fi
fi
if [ "${#MISSING[@]}" -gt 0 ]; then
    target="\`make $PROFILE\`"
    {
        echo "bootstrap: this machine lacks what $target needs:"
        printf '%s' "$REPORT"
        if command -v apt-get >/dev/null 2>&1; then
            install="apt-get install -y --no-install-recommends ${MISSING[*]}"
            if [ "$(id -u)" = 0 ]; then
                echo "apt could not provide them all (a version above may be too old for this"
                echo "release); the command was:"
                echo "  $install"
            elif command -v sudo >/dev/null 2>&1; then
                echo "Install them, then run the command again:"
                echo "  sudo $install"
            else
                echo "Install them as root, then run the command again:"
                echo "  su -c '$install'"
            fi
        else
            echo "These are Debian package names: install their equivalents, then run the command again."
        fi
    } >&2
    exit 1
fi

# -- a Go that can build Weaviate ------------------------------------------------------
# The stack's Weaviate build (gateway/stack/weaviate.py) uses $CACHE/toolchains/go when
# it exists, so nothing depends on PATH set here.
if [[ "$wanted" == *" weaviate "* ]]; then
    toolchain="$CACHE/toolchains/go"
    if [ "$(first_line "$toolchain/VERSION")" != "$GO_TOOLCHAIN" ]; then
        # A Go installation's VERSION file ("go1.19.8"), else ask it (slower).
        goroot="$(dirname "$(dirname "$(readlink -f "$(command -v go)")")")"
        system="$(first_line "$goroot/VERSION")"
        [ -n "$system" ] || system="$(go env GOVERSION)"
        if ! version_at_least "$system" 1 "$MIN_GO"; then
            module="golang.org/toolchain@v0.0.1-${GO_TOOLCHAIN}.linux-$(go env GOARCH)"
            say "Go is $system; Weaviate needs 1.$MIN_GO: fetching $GO_TOOLCHAIN (~70 MB, about 30 s)"
            # Any Go can download the toolchain module; old ones just cannot switch to it.
            dir="$(cd /tmp && go mod download -json "$module" |
                sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
            [ -n "$dir" ] || { say "could not download $module"; exit 1; }
            mkdir -p "$(dirname "$toolchain")"
            rm -rf "$toolchain.partial" "$toolchain"
            cp -r "$dir" "$toolchain.partial"
            chmod -R u+w "$toolchain.partial"
            # Module zips do not keep the execute bit.
            chmod a+x "$toolchain.partial"/bin/* "$toolchain.partial"/pkg/tool/*/*
            mv "$toolchain.partial" "$toolchain"
            say "Go $GO_TOOLCHAIN is in $toolchain"
        fi
    fi
fi
