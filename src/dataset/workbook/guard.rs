//! The boundary with the workbook readers: a damaged file can make a reader panic (an index past the end of a
//! truncated record), and a panic must not end plancheck. [`quietly`] runs a reader with a silent panic hook,
//! installed only around the call and restored after it, and turns a panic into `None`, which the caller
//! reports as a damaged workbook (exit 2).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;

/// One hook swap at a time: the hook is process-wide, so two threads reading workbooks take turns.
static HOOK: Mutex<()> = Mutex::new(());

/// Runs `read`, or returns `None` if it panicked (without printing the panic).
pub fn quietly<T>(read: impl FnOnce() -> T) -> Option<T> {
    let _turn = HOOK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = catch_unwind(AssertUnwindSafe(read));
    std::panic::set_hook(previous);
    result.ok()
}

#[cfg(test)]
mod tests {
    use super::quietly;

    #[test]
    fn a_panic_becomes_none_and_the_hook_is_restored() {
        let index = std::hint::black_box(7);
        assert_eq!(quietly(|| [1, 2, 3][index]), None);
        assert_eq!(quietly(|| 41 + 1), Some(42));
    }
}
