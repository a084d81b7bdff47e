package io.deskstream.api;

import java.nio.ByteBuffer;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, before a request reaches a route — a request line or headers too long (414, 431),
 * a URI it cannot read (400) — as every other error of the API: {@code {"error": "..."}}, never an HTML page.
 *
 * <p>Each of these answers says {@code Connection: close}: Jetty drops the connection after a request it could not
 * read, and a client that was not told so sends its next request on the dead connection and gets no answer at all.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        return ByteBuffer.wrap(json(status, reason));
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        response.write(true, ByteBuffer.wrap(json(code, message)), callback);
    }

    static byte[] json(int status, String reason) {
        String error = switch (status) {
            case 414 -> "the request line is too long: send a shorter path and fewer or shorter parameters";
            case 431 -> "the request headers are too large: send fewer or shorter headers";
            default -> "the request cannot be read (" + status + " " + HttpStatus.getMessage(status) + ")"
                    + (reason == null || reason.isBlank() ? "" : ": " + reason);
        };
        try {
            return ApiJson.MAPPER.writeValueAsBytes(Map.of("error", error));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error could not be written as JSON", e);
        }
    }
}
