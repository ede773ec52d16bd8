package dev.ferry.scheduler;

import java.io.IOException;
import java.util.function.Consumer;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The {@code --debug} view of HTTP: method, URL, status, size and time of every request. Headers
 * are never logged, so the Authorization header (and the password in it) cannot leak.
 */
final class RequestLog implements Interceptor {
  private final Consumer<String> sink;

  RequestLog(Consumer<String> sink) {
    this.sink = sink;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String what = request.method() + " " + request.url();
    long started = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      long length = response.body().contentLength();
      sink.accept(
          what
              + " -> "
              + response.code()
              + (length >= 0 ? " (" + length + " bytes" : " (")
              + (length >= 0 ? ", " : "")
              + millisSince(started)
              + " ms)");
      return response;
    } catch (IOException e) {
      sink.accept(
          what + " -> failed after " + millisSince(started) + " ms: " + e.getClass().getName());
      throw e;
    }
  }

  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
