package com.alphastocks.position;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;

/** With {@code alphastocks.security.reads=authenticated} the read endpoints want the API key too; health stays open. */
@QuarkusTest
@QuarkusTestResource(value = ReadsNeedAKeyTest.ReadsAuthenticated.class, restrictToAnnotatedClass = true)
class ReadsNeedAKeyTest {

    public static class ReadsAuthenticated implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("alphastocks.security.reads", "authenticated");
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void shouldRefuseReadsWithoutAValidKeyAndServeThemWithOne() {
        given().get("/api/positions").then().statusCode(401);
        given().header("X-API-Key", "not-the-key").get("/api/positions").then().statusCode(401);
        // With the key, the answer (once the position store is up: 503 until then).
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> given().header("X-API-Key", "test-key").get("/api/positions").statusCode() == 200);
        given().get("/q/health/live").then().statusCode(200);
        given().post("/api/positions/no-such/close").then().statusCode(401);
        given().header("X-API-Key", "test-key").post("/api/positions/no-such/close").then().statusCode(404);
    }
}
