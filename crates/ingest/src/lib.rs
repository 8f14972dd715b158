//! Ingest: from outside bytes to clean [`khabar_model::Document`]s.
