"""The API's own contract: its OpenAPI document and its error format."""


def test_openapi_document_is_served(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    assert "Error" in doc["components"]["schemas"]


def test_unknown_api_path_answers_json_error_in_both_languages(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    error = response.get_json()["error"]
    assert error["code"] == "not_found"
    assert error["message"]["ru"] == "По этому адресу ничего не найдено."
    assert "табылмады" in error["message"]["kk"]
