# Sourced by .ci/windows and .ci/package: the Windows target, mingw and Wine (installed
# when missing), and a Wine prefix in which Rust programs start. Sets WINEPREFIX,
# WINEDEBUG and `wine`, the path of the Wine loader.

windows_target=x86_64-pc-windows-gnu
rustup target add "$windows_target"
wine_packages=(gcc-mingw-w64-x86-64 wine64)
wine_missing=()
for p in "${wine_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || wine_missing+=("$p")
done
if ((${#wine_missing[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${wine_missing[@]}" >/dev/null
fi
wine=/usr/lib/wine/wine64

# Rust's standard library draws random numbers from bcryptprimitives.dll's ProcessPrng,
# which Wine 8 lacks: a stand-in over RtlGenRandom.
export WINEPREFIX="${WINEPREFIX:-$HOME/.wine-apig}" WINEDEBUG=-all
shim="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
if [[ ! -f "$shim" ]]; then
  "$wine" cmd /c exit >/dev/null 2>&1 || true
  shim_src=$(mktemp --suffix=.c)
  cat >"$shim_src" <<'C'
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID, ULONG);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, n)) return FALSE;
        data += n; len -= n;
    }
    return TRUE;
}
C
  x86_64-w64-mingw32-gcc -shared -o "$shim" "$shim_src" -ladvapi32
  rm -f "$shim_src"
fi
