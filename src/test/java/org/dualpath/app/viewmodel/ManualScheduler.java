package org.dualpath.app.viewmodel;

import java.util.ArrayList;
import java.util.List;

/** A {@link Scheduler} on a clock the test advances: actions run inside {@link #advance}, none by themselves. */
final class ManualScheduler implements Scheduler {
    private record Pending(long at, Runnable action) {
    }

    private final List<Pending> pending = new ArrayList<>();
    private long now;

    @Override
    public Runnable schedule(long delayMillis, Runnable action) {
        Pending p = new Pending(now + delayMillis, action);
        pending.add(p);
        return () -> pending.remove(p);
    }

    /** Moves the clock forward, running the actions that fall due, in order. */
    void advance(long millis) {
        long until = now + millis;
        while (true) {
            Pending next = pending.stream().filter(p -> p.at() <= until).min((a, b) -> Long.compare(a.at(), b.at())).orElse(null);
            if (next == null) {
                break;
            }
            pending.remove(next);
            now = next.at();
            next.action().run();
        }
        now = until;
    }
}
