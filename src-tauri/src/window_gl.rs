//! Keeps OpenGL out of the window process on Linux.
//!
//! GTK 3 (GLX visuals) and WebKitGTK's UI process (an EGL display to composite the page) each
//! initialise OpenGL when the window opens. With Mesa that maps the driver and, through it, LLVM:
//! about 55 MiB of a 160 MiB window process, for a window that only shows frames the web process
//! has already drawn. Without OpenGL here, WebKit takes its shared-memory path for those frames;
//! the web process keeps its own renderer, so pages draw as before. Measured by `make bench`
//! (`scripts/bench-startup.sh`): see the start-up figures in the README.
//!
//! `GOPROXY_ASSISTANT_WINDOW_GL=1` keeps the toolkit defaults, should a system need them.

/// Opt-out: `1` leaves GTK and WebKit to set up OpenGL in the window process as they would.
const OPT_OUT: &str = "GOPROXY_ASSISTANT_WINDOW_GL";
/// GTK 3 reads it when it opens the display (`disable`: no GLX visuals, no GL contexts).
const GDK_GL: &str = "GDK_GL";
/// libglvnd's list of EGL vendor files; read once, on the process's first EGL call.
/// <https://github.com/NVIDIA/libglvnd/blob/master/src/EGL/icd_enumeration.md>
const EGL_VENDOR_FILES: &str = "__EGL_VENDOR_LIBRARY_FILENAMES";

/// Call first thing in the window process, before GTK starts and before any thread exists
/// (it changes the environment). WebKit's own processes, started later, get the environment
/// back as it was, apart from `GDK_GL`, which only GTK reads.
pub fn keep_out_of_window_process() {
    if std::env::var_os(OPT_OUT).is_some_and(|v| v == "1") {
        return;
    }
    std::env::set_var(GDK_GL, "disable");
    let previous = std::env::var_os(EGL_VENDOR_FILES);
    // A list naming no vendor file: libglvnd then loads no driver, and every EGL display
    // this process asks for fails, which WebKit handles by not using EGL here.
    std::env::set_var(EGL_VENDOR_FILES, "");
    load_egl_vendors_now();
    match previous {
        Some(value) => std::env::set_var(EGL_VENDOR_FILES, value),
        None => std::env::remove_var(EGL_VENDOR_FILES),
    }
}

/// Makes libglvnd read its vendor list now, while the variable names none. The library stays
/// loaded (never `dlclose`d), so the empty list is what this process keeps. Without libglvnd's
/// `libEGL.so.1` there is nothing to do.
fn load_egl_vendors_now() {
    const EGL_EXTENSIONS: i32 = 0x3055;
    type QueryString = unsafe extern "C" fn(*mut libc::c_void, i32) -> *const libc::c_char;
    // SAFETY: a process-wide library opened by name and one call of its documented
    // `eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS)`, whose result is not read; no thread
    // of ours runs yet.
    unsafe {
        let lib = libc::dlopen(c"libEGL.so.1".as_ptr(), libc::RTLD_NOW);
        if lib.is_null() {
            return;
        }
        let symbol = libc::dlsym(lib, c"eglQueryString".as_ptr());
        if symbol.is_null() {
            return;
        }
        let query: QueryString = std::mem::transmute(symbol);
        query(std::ptr::null_mut(), EGL_EXTENSIONS);
    }
}
