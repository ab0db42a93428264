package io.learnscale.load.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Caps a process's CPU with a cgroup of its own: cgroup v1 ({@code cpu.cfs_quota_us}) or v2 ({@code cpu.max}).
 * Without the right to create cgroups it says so once, and processes run uncapped.
 */
public final class CpuCap implements AutoCloseable {

    private static final long PERIOD_MICROS = 100_000;

    private final Path root;
    private final boolean v2;
    private final Path parent;
    private final List<Path> groups = new ArrayList<>();
    private final String unavailable;

    private CpuCap(Path root, boolean v2, Path parent, String unavailable) {
        this.root = root;
        this.v2 = v2;
        this.parent = parent;
        this.unavailable = unavailable;
    }

    /** Finds the cgroup hierarchy this machine offers and checks that a group can be made in it. */
    public static CpuCap detect(String name) {
        Path v1 = Path.of("/sys/fs/cgroup/cpu");
        Path unified = Path.of("/sys/fs/cgroup");
        if (Files.exists(v1.resolve("cpu.cfs_quota_us"))) {
            return tryParent(v1, false, name);
        }
        if (Files.exists(unified.resolve("cgroup.controllers"))) {
            return tryParent(unified, true, name);
        }
        return new CpuCap(null, false, null, "no cgroup cpu controller found under /sys/fs/cgroup");
    }

    private static CpuCap tryParent(Path root, boolean v2, String name) {
        Path parent = root.resolve(name);
        try {
            Files.createDirectories(parent);
            if (v2) {
                Files.writeString(root.resolve("cgroup.subtree_control"), "+cpu");
                Files.writeString(parent.resolve("cgroup.subtree_control"), "+cpu");
            }
            return new CpuCap(root, v2, parent, null);
        } catch (IOException | SecurityException e) {
            return new CpuCap(null, v2, null, "cannot create a cgroup under " + root + " (" + e + ")");
        }
    }

    /** Why caps are not applied, or empty when they are. */
    public Optional<String> unavailable() {
        return Optional.ofNullable(unavailable);
    }

    public String describe() {
        if (unavailable != null) {
            return "uncapped: " + unavailable;
        }
        return (v2 ? "cgroup v2 cpu.max" : "cgroup v1 cpu.cfs_quota_us") + " under " + parent;
    }

    /** Limits {@code pid} (all its threads) to {@code cpus} CPUs, e.g. 0.1. */
    public void cap(String id, long pid, double cpus) {
        if (unavailable != null) {
            return;
        }
        Path group = parent.resolve(id);
        long quota = Math.max(1000, (long) (cpus * PERIOD_MICROS));
        try {
            Files.createDirectories(group);
            if (v2) {
                Files.writeString(group.resolve("cpu.max"), quota + " " + PERIOD_MICROS);
            } else {
                Files.writeString(group.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_MICROS));
                Files.writeString(group.resolve("cpu.cfs_quota_us"), Long.toString(quota));
            }
            Files.writeString(group.resolve("cgroup.procs"), Long.toString(pid));
            if (!groups.contains(group)) {
                groups.add(group);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not cap " + id + " at " + cpus + " CPU: " + e, e);
        }
    }

    /** Takes {@code pid} out of its cap (back to the root group). */
    public void uncap(long pid) {
        if (unavailable != null) {
            return;
        }
        try {
            Files.writeString(root.resolve("cgroup.procs"), Long.toString(pid));
        } catch (IOException e) {
            // the process has exited: nothing to take out
        }
    }

    /** How many scheduler periods the group was throttled in so far (the cap at work), or -1. */
    public long throttledPeriods(String id) {
        if (unavailable != null) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(parent.resolve(id).resolve("cpu.stat"))) {
                if (line.startsWith("nr_throttled ")) {
                    return Long.parseLong(line.substring(13).trim());
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** CPU time a process used so far (user + system), in nanoseconds, from {@code /proc}; -1 where there is none. */
    public static long processCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Moves every process back and removes the groups. */
    @Override
    public void close() {
        if (unavailable != null) {
            return;
        }
        for (Path group : groups) {
            try {
                for (String pid : Files.readAllLines(group.resolve("cgroup.procs"))) {
                    if (!pid.isBlank()) {
                        uncap(Long.parseLong(pid.trim()));
                    }
                }
                Files.deleteIfExists(group);
            } catch (IOException e) {
                // a group still in use is left; the next run reuses it
            }
        }
        try {
            Files.deleteIfExists(parent);
        } catch (IOException e) {
            // not empty: left for the next run
        }
    }
}
