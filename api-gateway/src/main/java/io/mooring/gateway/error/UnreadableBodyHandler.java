package io.mooring.gateway.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.mooring.gateway.api.JsonResponses;
import io.netty.handler.codec.DecoderException;
import jakarta.inject.Singleton;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/**
 * A body Micronaut cannot even turn into text, before any controller sees it: a charset the JVM does not know, or a
 * Content-Encoding (gzip, deflate) its bytes do not follow. The client sent it wrong: 400, never a 500.
 */
public final class UnreadableBodyHandler {
  private UnreadableBodyHandler() {}

  static HttpResponse<String> badRequest(String message) {
    return JsonResponses.json(HttpStatus.BAD_REQUEST, MarathonError.message(message));
  }

  @Singleton
  public static class UnknownCharset implements ExceptionHandler<UnsupportedCharsetException, HttpResponse<String>> {
    @Override
    public HttpResponse<String> handle(HttpRequest request, UnsupportedCharsetException error) {
      return badRequest("Unsupported charset in Content-Type: " + error.getCharsetName());
    }
  }

  @Singleton
  public static class MalformedCharset
      implements ExceptionHandler<IllegalCharsetNameException, HttpResponse<String>> {
    @Override
    public HttpResponse<String> handle(HttpRequest request, IllegalCharsetNameException error) {
      return badRequest("Malformed charset in Content-Type: " + error.getCharsetName());
    }
  }

  @Singleton
  public static class BadEncoding implements ExceptionHandler<DecoderException, HttpResponse<String>> {
    @Override
    public HttpResponse<String> handle(HttpRequest request, DecoderException error) {
      return badRequest("The body does not follow its Content-Encoding: " + error.getMessage());
    }
  }
}
