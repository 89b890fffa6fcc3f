//! The stories: the server as the people of the One Plan chain use it, each story run on SQLite
//! and on PostgreSQL (see `story!` in common). One test binary, so the crate is linked once
//! and all tests share one template database per backend.

#[macro_use]
mod common;

mod access;
mod accounts;
mod agencies;
mod agency_plans;
mod api;
mod areas;
mod audit_reading;
mod backup;
mod browser;
mod budget_requests;
mod calendar;
mod chain_browser;
mod committees;
mod communities;
mod concurrency;
mod contract;
mod dataset;
mod deadline_day;
mod documents;
mod duplicates;
mod export;
mod kpi_chain;
mod layout;
mod other_forums;
mod own_projects;
mod plan_components;
mod plans;
mod prefix;
mod reports;
mod role_model;
mod role_model_browser;
mod role_model_monitoring;
mod search;
mod search_browser;
mod servers;
mod shared_tambons;
mod signed;
mod spreadsheet;
mod to_province;
mod web;
mod years_and_units;
