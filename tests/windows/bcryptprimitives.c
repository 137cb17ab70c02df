/*
 * A stand-in bcryptprimitives.dll, for running Pandu's Windows build under Wine in tests only.
 *
 * Why: Rust's standard library (1.78 and later) gets its random numbers on Windows from
 * ProcessPrng in bcryptprimitives.dll (HashMap seeds, and the getrandom crate's too). Real
 * Windows 10/11 has it; Debian 12's Wine 8 has no bcryptprimitives.dll, so every Rust program
 * fails to start under it. This DLL exports ProcessPrng on top of RtlGenRandom
 * (advapi32!SystemFunction036), which Wine implements from the host's /dev/urandom.
 *
 * It is never shipped: `make test-windows` builds it with mingw and puts it beside pandu.exe
 * in a throwaway folder (tests/windows/wine-smoke.sh). Newer Wine (9.x) has the real one.
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c \
 *       bcryptprimitives.def -ladvapi32
 */
#include <windows.h>

/* advapi32's RtlGenRandom, exported under this name. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom takes a ULONG length: feed it in chunks. */
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    /* Like the real one, it never fails. */
    return TRUE;
}
