package com.alphastocks.signal.api;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.alphastocks.signal.trading.SignalValidator;
import com.fasterxml.jackson.annotation.JsonInclude;

/** An error answer as RFC 9457 problem details, with one entry per field in error. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<SignalValidator.Problem> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    static Response response(int status, String title, String detail, List<SignalValidator.Problem> errors) {
        return Response.status(status)
                .type(MediaType.valueOf(MEDIA_TYPE))
                .entity(new Problem("about:blank", title, status, detail, errors))
                .build();
    }
}
