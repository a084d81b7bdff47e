package io.deskstream.api.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.api.ApiJson;

/** The JSON Schema of {@code GET /api/v1/status}'s answer, as openapi.json describes it (docs/http-api.md says more). */
final class StatusSchema {

    private static final String SCHEMA = """
            {
              "type": "object",
              "properties": {
                "state": {"type": "string", "description": "this instance's processing state"},
                "instance": {"type": "string", "description": "this instance's address, as the others reach it"},
                "caughtUp": {"type": "boolean", "description": "every input partition processed to its end"},
                "lag": {"type": "integer", "description": "the lags of the inputs, summed"},
                "measuredAt": {"type": "string", "format": "date-time",
                               "description": "when the lags and the export were measured: at most a second ago"},
                "inputs": {"type": "object", "description": "per input topic (and the dead-letter topic)",
                           "additionalProperties": PROGRESS},
                "reportStage": {"type": "object",
                                "description": "the stage that adds the partitions' shares of the report cells up into report rows, for the export",
                                "properties": {"topic": {"type": "string"}, "read": READ, "lag": LAG}},
                "export": {
                  "type": "object",
                  "properties": {
                    "enabled": {"type": "boolean", "description": "false when this process does not run the export (--no-exports)"},
                    "note": {"type": "string"},
                    "connectors": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "properties": {
                          "name": {"type": "string"},
                          "format": {"type": "string", "enum": ["parquet", "csv"]},
                          "state": {"type": "string", "description": "RUNNING, FAILED, PAUSED, UNASSIGNED, ..."},
                          "error": {"type": "string", "description": "why the connector failed"},
                          "tasks": {
                            "type": "array",
                            "items": {
                              "type": "object",
                              "properties": {
                                "id": {"type": "integer"},
                                "state": {"type": "string", "description": "RUNNING, FAILED, PAUSED, UNASSIGNED, ..."},
                                "error": {"type": "string", "description": "why the task failed"}
                              }
                            }
                          },
                          "newestHourClosed": {"type": ["string", "null"], "format": "date-time",
                                               "description": "the start of the newest hour written to files"}
                        }
                      }
                    }
                  }
                },
                "deadLetters": {"type": ["object", "null"], "additionalProperties": {"type": "integer"},
                                "description": "refused input by reason; null while another instance cannot give its part"},
                "reportTimezone": {"type": "string"}
              }
            }
            """.replace("PROGRESS", "{\"type\": \"object\", \"properties\": {\"read\": READ, \"lag\": LAG}}")
            .replace("READ", "{\"type\": \"integer\", \"description\": \"records processed and committed\"}")
            .replace("LAG", "{\"type\": \"integer\", \"description\": \"records written but not processed yet\"}");

    private StatusSchema() {
    }

    static ObjectNode of() {
        try {
            return (ObjectNode) ApiJson.MAPPER.readTree(SCHEMA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the status schema is not JSON", e);
        }
    }
}
