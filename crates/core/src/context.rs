//! One CLI command's or IPC call's view of the machine: the environment and the clock, handed
//! down to every core function that needs them instead of each one reading them again.

use crate::clock::Clock;
use crate::sysenv::SysEnv;

/// What one command works with. Made once where the command starts and passed down by reference.
#[derive(Debug)]
pub struct Context {
    env: SysEnv,
    clock: Clock,
}

impl Context {
    /// A context over `env` with the system clock.
    pub fn new(env: SysEnv) -> Context {
        Context {
            env,
            clock: Clock::system(),
        }
    }

    /// The real process environment, the system clock.
    pub fn current() -> Context {
        Context::new(SysEnv::current())
    }

    /// The same context with another clock (tests: [`Clock::fixed`]).
    pub fn with_clock(mut self, clock: Clock) -> Context {
        self.clock = clock;
        self
    }

    pub fn env(&self) -> &SysEnv {
        &self.env
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }
}
