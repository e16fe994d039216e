#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "model/request.hpp"

namespace caw::model {

// Builds the typed model from JSON. Never aborts: a value whose type does not fit its typed
// field is kept in `extra` under its own name, so the model is lossless for any input and a
// round trip (from_json -> to_json) reproduces it. Validate first to know whether it is right.
AdHocRequest request_from_json(const Json& request);
Step step_from_json(const Json& step);

// The canonical text: the schema's field order (action first, then the OpenAPI's fields, then
// the engine's, then unknown properties sorted); indent -1 is compact, n >= 0 pretty-printed.
std::string request_to_text(const AdHocRequest& request, int indent = -1);
std::string step_to_text(const Step& step, int indent = -1);

// The same request as a JSON value (keys sorted), for comparisons.
Json request_to_json(const AdHocRequest& request);

}  // namespace caw::model
