# Sourced by scripts/demo and scripts/test: go to the repository root and make sure .venv
# exists with this project and its dev tools installed. Not meant to be run on its own.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

MIN_PYTHON="3.11"
VENV="$REPO_ROOT/.venv"
# Holds a hash of pyproject.toml: dependencies are reinstalled only when it changes.
STAMP="$VENV/.installed-pyproject"

python_is_recent_enough() {
    "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}

find_python() {
    local candidate
    for candidate in ${PYTHON:-} python3 python3.13 python3.12 python3.11; do
        if command -v "$candidate" >/dev/null 2>&1 && python_is_recent_enough "$candidate"; then
            echo "$candidate"
            return 0
        fi
    done
    echo "Python $MIN_PYTHON or newer is needed, but none was found." >&2
    echo "Install it (e.g. 'apt-get install python3' on Debian 12+) or point PYTHON at it:" >&2
    echo "    PYTHON=/path/to/python3.11 $0" >&2
    return 1
}

ensure_venv() {
    if [ -x "$VENV/bin/python" ] && ! python_is_recent_enough "$VENV/bin/python"; then
        echo "Removing .venv: it is broken or older than Python $MIN_PYTHON." >&2
        rm -rf "$VENV"
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        local python
        python="$(find_python)"
        echo "Creating .venv with $python ($("$python" --version 2>&1))…"
        if ! "$python" -m venv "$VENV"; then
            echo "Could not create .venv. On Debian/Ubuntu install python3-venv first." >&2
            return 1
        fi
    fi

    local wanted
    wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
    if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$wanted" ]; then
        echo "Installing the project and its dev tools into .venv…"
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
        "$VENV/bin/python" -m pip install --quiet -e ".[dev]"
        echo "$wanted" >"$STAMP"
    fi
    export PATH="$VENV/bin:$PATH"
}
