package io.learnscale.systemtests;

import io.learnscale.launcher.app.AppInstance;
import io.learnscale.launcher.app.Service;

/** Counters the apps export on their management ports, summed over every running instance of a service. */
final class Metrics {

    private Metrics() {}

    /** The sum of every series of {@code name} (any tags) over the service's instances. */
    static double sum(Service service, String name) {
        double sum = 0;
        for (AppInstance instance : SystemStack.get().instances(service)) {
            sum += Http.get(instance.managementUrl() + "/actuator/prometheus")
                    .body()
                    .lines()
                    .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        }
        return sum;
    }
}
