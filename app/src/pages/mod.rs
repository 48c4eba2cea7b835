//! One page per file; a page's private parts sit beside it.

pub mod account;
pub mod account_form;
pub mod admin;
pub mod changes;
pub mod city_page;
pub mod host;
pub mod mailed_link;
pub mod new_topic;
pub mod not_found;
pub mod record;
pub mod register;
pub mod report;
pub mod reset_password;
pub mod revise;
pub mod sign_in;
pub mod topic;
pub mod topics;
