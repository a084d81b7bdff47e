package io.deskstream.launcher;

/**
 * How the demo's simulated help desk runs.
 *
 * @param eventsPerSecond average rate over a day
 * @param historyDays     days of history written at the first start
 * @param seed            the simulation's seed, or null for a random one
 */
record SimulatorSettings(double eventsPerSecond, int historyDays, Long seed) {
}
