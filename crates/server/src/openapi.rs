//! The OpenAPI 3.1 description of the JSON API, served at `/api/openapi.json`.

use serde_json::{json, Value};

fn param(name: &str, description: &str) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description,
           "schema": {"type": "string"}})
}

fn path_id(what: &str) -> Value {
    json!({"name": "id", "in": "path", "required": true, "description": format!("the {what} id"),
           "schema": {"type": "string"}})
}

fn page_params() -> Vec<Value> {
    vec![
        param(
            "cursor",
            "opaque cursor from `next_cursor` of the previous page",
        ),
        param("limit", "page size, 1..=500 (default 50)"),
    ]
}

fn filter_params() -> Vec<Value> {
    vec![
        param("since", "published at or after (date or RFC 3339 time)"),
        param("until", "published before (date or RFC 3339 time)"),
        param("outlet", "outlet name (case-insensitive)"),
        param("language", "ISO 639-1 code (hi, en, ...)"),
        param("entity", "entity id"),
        param("story", "story id"),
    ]
}

fn ok(description: &str, schema: Value) -> Value {
    json!({
        "200": {"description": description, "content": {"application/json": {"schema": schema}}},
        "400": {"$ref": "#/components/responses/Error"},
        "404": {"$ref": "#/components/responses/Error"}
    })
}

fn page_of(item: &str) -> Value {
    json!({"type": "object", "required": ["items"], "properties": {
        "items": {"type": "array", "items": {"$ref": format!("#/components/schemas/{item}")}},
        "next_cursor": {"type": ["string", "null"]}
    }})
}

/// The OpenAPI document.
pub fn document() -> Value {
    let mut list_params = page_params();
    list_params.extend(filter_params());
    let mut search_params = vec![json!({"name": "q", "in": "query", "required": true,
        "description": "query words; Hindi spelling variants, Hindi honorifics and romanised Hindi match",
        "schema": {"type": "string", "maxLength": 500}})];
    search_params.push(param(
        "mode",
        "all (default): articles holding every query word first (`full` of them), then those holding some (at least one word that is not a function word); strict: every word must match; any: at least one",
    ));
    search_params.extend(page_params());
    search_params.extend(filter_params());
    let mut entity_params = page_params();
    entity_params.push(param("kind", "person, place, organisation or other"));
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "khabar API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Stories, articles, entities and search over news in Hindi and English. \
                Byte spans are half-open ranges into the article's clean `text` (see docs/output.md)."
        },
        "paths": {
            "/api/stories": {"get": {"summary": "Stories, last published first",
                "parameters": list_params, "responses": ok("a page of stories", page_of("StorySummary"))}},
            "/api/stories/{id}": {"get": {"summary": "One story with its timeline, comparison, copies and articles",
                "parameters": [path_id("story")],
                "responses": ok("the story", json!({"type": "object", "properties": {
                    "story": {"$ref": "#/components/schemas/Story"},
                    "articles": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleMeta"}},
                    "per_day": {"type": "array", "items": {"$ref": "#/components/schemas/DayCount"}}}}))}},
            "/api/articles": {
                "get": {"summary": "Articles, oldest first", "parameters": list_params,
                    "responses": ok("a page of articles", page_of("ArticleMeta"))},
                "post": {"summary": "Ingest articles (only when the server runs with --allow-ingest or --ingest-tokens)",
                    "security": [{}, {"bearer": []}],
                    "description": "application/json: one article object or an array (the JSONL fields: id, url, outlet, \
                        title, published, author, language, text or html); application/x-ndjson: one per line; \
                        text/html or text/plain: one article, metadata in the query string.",
                    "parameters": [param("id", "article id (text bodies)"), param("url", "article URL (text bodies)"),
                        param("outlet", "outlet (text bodies)"), param("title", "headline (text bodies)"),
                        param("published", "publication time (text bodies)"), param("language", "language (text bodies)")],
                    "requestBody": {"required": true, "content": {
                        "application/json": {"schema": {"oneOf": [
                            {"$ref": "#/components/schemas/ArticleInput"},
                            {"type": "array", "items": {"$ref": "#/components/schemas/ArticleInput"}}]}},
                        "application/x-ndjson": {"schema": {"type": "string"}},
                        "text/html": {"schema": {"type": "string"}},
                        "text/plain": {"schema": {"type": "string"}}}},
                    "responses": {
                        "200": {"description": "exactly what was stored: per-article outcome (`id` is the stored id; \
                            `given_id` the id sent when another was kept; `same_text`: the text was already stored \
                            under `same_text_as`, and the given id now answers for it), whether the search index \
                            already holds them (else it catches up within seconds of its lock being free), the new \
                            number of stories (null when they could not be regrouped now) and warnings",
                            "content": {"application/json": {"schema": {"type": "object", "properties": {
                                "results": {"type": "array", "items": {"type": "object", "properties": {
                                    "id": {"type": "string"},
                                    "status": {"enum": ["inserted", "updated", "unchanged", "same_text", "error"]},
                                    "given_id": {"type": "string"}, "same_text_as": {"type": "string"},
                                    "warning": {"type": "string"}, "error": {"type": "string"}}}},
                                "stored": {"type": "integer"}, "indexed": {"type": "boolean"},
                                "stories": {"type": ["integer", "null"]},
                                "warnings": {"type": "array", "items": {"type": "string"}}}}}}},
                        "400": {"$ref": "#/components/responses/Error"},
                        "401": {"description": "the server takes ingest tokens and none (or an unknown one) was sent"},
                        "403": {"$ref": "#/components/responses/Error"},
                        "413": {"description": "body larger than 16 MiB"},
                        "415": {"$ref": "#/components/responses/Error"},
                        "429": {"description": "too many ingests waiting; retry after the seconds in Retry-After"},
                        "507": {"description": "the store's disk is full; nothing was stored"},
                        "503": {"description": "another process holds the store's write lock; \
                            retry after the seconds in the Retry-After header",
                            "content": {"application/json": {"schema": {"type": "object",
                                "properties": {"error": {"type": "string"}}}}}}}}},
            "/api/articles/{id}": {"get": {"summary": "One article with its analysis (facts with spans)",
                "parameters": [path_id("article")],
                "responses": ok("the article", json!({"type": "object", "properties": {
                    "article": {"$ref": "#/components/schemas/Document"},
                    "analysis": {"oneOf": [{"$ref": "#/components/schemas/Analysis"}, {"type": "null"}]},
                    "story": {"type": ["string", "null"]}}}))}},
            "/api/entities": {"get": {"summary": "Entities, most reported first",
                "parameters": entity_params, "responses": ok("a page of entities", page_of("EntitySummary"))}},
            "/api/entities/{id}": {"get": {"summary": "One entity with its stories and articles per day",
                "parameters": [path_id("entity")],
                "responses": ok("the entity", json!({"type": "object", "properties": {
                    "entity": {"type": "object"},
                    "stories": {"type": "array", "items": {"$ref": "#/components/schemas/StorySummary"}},
                    "per_day": {"type": "array", "items": {"$ref": "#/components/schemas/DayCount"}}}}))}},
            "/api/search": {"get": {"summary": "Full-text search over articles (and the stories that hold them)",
                "parameters": search_params,
                "responses": ok("ranked hits", json!({"type": "object", "properties": {
                    "query": {"type": "string"}, "total": {"type": "integer"}, "full": {"type": "integer"},
                    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
                    "stories": {"type": "array", "items": {"$ref": "#/components/schemas/StorySummary"}},
                    "next_cursor": {"type": ["string", "null"]}}}))}},
            "/api/health": {"get": {"summary": "Counts and status",
                "responses": {"200": {"description": "ok"}}}},
            "/api/openapi.json": {"get": {"summary": "This document",
                "responses": {"200": {"description": "OpenAPI 3.1"}}}}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                "description": "a token from the file given to `khabar serve --ingest-tokens`"}},
            "responses": {"Error": {"description": "an error", "content": {"application/json": {
                "schema": {"type": "object", "properties": {"error": {"type": "string"}}}}}}},
            "schemas": {
                "StorySummary": {"type": "object", "properties": {
                    "id": {"type": "string"}, "title": {"type": "string"}, "articles": {"type": "integer"},
                    "outlets": {"type": "array", "items": {"type": "string"}},
                    "languages": {"type": "array", "items": {"type": "string"}},
                    "first_published": {"type": ["string", "null"]}, "last_published": {"type": ["string", "null"]},
                    "entities": {"type": "array", "items": {"type": "string"}}}},
                "ArticleMeta": {"type": "object", "properties": {
                    "id": {"type": "string"}, "title": {"type": ["string", "null"]},
                    "outlet": {"type": ["string", "null"]}, "language": {"type": ["string", "null"]},
                    "published": {"type": ["string", "null"]}, "url": {"type": ["string", "null"]},
                    "story": {"type": ["string", "null"]}}},
                "EntitySummary": {"type": "object", "properties": {
                    "id": {"type": "string"}, "name": {"type": "string"}, "name_hi": {"type": ["string", "null"]},
                    "kind": {"enum": ["person", "place", "organisation", "other"]}, "in_kb": {"type": "boolean"},
                    "mentions": {"type": "integer"}, "articles": {"type": "integer"}, "stories": {"type": "integer"}}},
                "Hit": {"allOf": [{"$ref": "#/components/schemas/ArticleMeta"}, {"type": "object", "properties": {
                    "score": {"type": "number"}, "snippet": {"type": "string"},
                    "marks": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}}}}]},
                "DayCount": {"type": "object", "properties": {"date": {"type": "string", "format": "date"},
                    "articles": {"type": "integer"}}},
                "ArticleInput": {"type": "object", "properties": {
                    "id": {"type": "string"}, "url": {"type": "string"}, "outlet": {"type": "string"},
                    "title": {"type": "string"}, "published": {"type": "string"}, "author": {"type": "string"},
                    "language": {"type": "string"}, "text": {"type": "string"}, "html": {"type": "string"}}},
                "Story": {"type": "object", "description": "see docs/output.md (Story)"},
                "Document": {"type": "object", "description": "see docs/output.md (Article)"},
                "Analysis": {"type": "object", "description": "sentences, entities, mentions, quantities, dates, quotes, events; see crates/model/src/analysis.rs"}
            }
        }
    })
}
