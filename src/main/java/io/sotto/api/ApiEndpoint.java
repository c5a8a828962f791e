package io.sotto.api;

/**
 * Answers the requests of one route; one job per implementation. Runs on an HTTP event loop
 * thread, so it must not wait on disk, a lock held for long or another thread. An exception it
 * throws becomes a {@code 500} whose body says nothing of it (README, "HTTP": no stack trace reaches
 * a client); the exception is logged.
 */
@FunctionalInterface
public interface ApiEndpoint {
    ApiResponse handle(ApiRequest request);
}
