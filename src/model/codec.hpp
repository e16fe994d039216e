#pragma once
#include <nlohmann/json.hpp>

#include "model/request.hpp"

namespace caw::model {

// The canonical form keeps the schema's field order (action first, then the OpenAPI's
// fields, then the engine's, then unknown properties sorted), hence ordered_json.
using OrderedJson = nlohmann::ordered_json;

// Builds the typed model from JSON. Never aborts: a value whose type does not fit its typed
// field is kept in `extra` under its own name, so the model is lossless for any input and a
// round trip (from_json -> to_json) reproduces it. Validate first to know whether it is right.
AdHocRequest request_from_json(const Json& request);
Step step_from_json(const Json& step);

OrderedJson request_to_json(const AdHocRequest& request);
OrderedJson step_to_json(const Step& step);

}  // namespace caw::model
