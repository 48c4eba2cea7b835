use crate::helpers::*;
use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE};
use serde_json::{Value, json};

#[tokio::test]
async fn unknown_endpoints_and_methods_are_problems() {
    let app = spawn_app().await;
    problem(
        app.get("/topics?status=%ZZ", None).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    problem(app.get("/topics/%FF%FE", None).await, StatusCode::NOT_FOUND).await;
    problem(
        app.get("/topics/%FF%FE/polls", None).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    problem(app.get("/nothing-here", None).await, StatusCode::NOT_FOUND).await;
    let r = app
        .send::<()>(reqwest::Method::DELETE, "/topics", None, None)
        .await;
    problem(r, StatusCode::METHOD_NOT_ALLOWED).await;
}

#[tokio::test]
async fn the_openapi_document_names_every_endpoint() {
    let app = spawn_app().await;
    let doc: Value = app.get_json("/openapi.json", None).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    let expected = [
        ("/accounts", "post"),
        ("/session", "get"),
        ("/session", "post"),
        ("/session", "delete"),
        ("/account/sessions", "delete"),
        ("/topics", "get"),
        ("/topics", "post"),
        ("/topics/{slug}", "get"),
        ("/topics/{slug}", "patch"),
        ("/topics/{slug}/hosts", "get"),
        ("/topics/{slug}/hosts/{email}", "put"),
        ("/topics/{slug}/hosts/{email}", "delete"),
        ("/topics/{slug}/publish", "post"),
        ("/desk", "get"),
        ("/admin/topics", "get"),
        ("/topics/{slug}/setup", "get"),
        ("/topics/{slug}/comments", "get"),
        ("/topics/{slug}/comments", "post"),
        ("/topics/{slug}/polls", "get"),
        ("/topics/{slug}/moderation", "get"),
        ("/topics/{slug}/updates", "post"),
        ("/topics/{slug}/audit", "get"),
        ("/topics/{slug}/report.json", "get"),
        ("/topics/{slug}/report.csv", "get"),
        ("/topics/{slug}/record", "get"),
        ("/topics/{slug}/versions", "get"),
        ("/topics/{slug}/versions", "post"),
        ("/topics/{slug}/versions/preview", "post"),
        ("/topics/{slug}/versions/{version}/changes", "get"),
        ("/topics/{slug}/versions/{version}/source", "get"),
        ("/comments/{id}", "patch"),
        ("/comments/{id}", "delete"),
        ("/comments/{id}/reaction", "put"),
        ("/comments/{id}/versions", "get"),
        ("/comments/{id}/flags", "post"),
        ("/comments/{id}/moderation", "post"),
        ("/comments/{id}/responses", "post"),
        ("/polls/{id}/ballot", "put"),
        ("/audit", "get"),
        ("/openapi.json", "get"),
        ("/topics/{slug}/subscriptions", "post"),
        ("/subscriptions/confirm", "post"),
        ("/account/subscriptions", "get"),
        ("/account/subscriptions/{id}", "patch"),
        ("/account/subscriptions/{id}", "delete"),
        ("/account/verify", "post"),
        ("/account/verification", "post"),
        ("/password-reset", "post"),
        ("/password-reset/confirm", "post"),
        ("/topics/{slug}/dates", "post"),
        ("/topics/{slug}/dates/{id}", "delete"),
        ("/account", "patch"),
        ("/account", "delete"),
        ("/account/password", "put"),
        ("/account/email", "put"),
        ("/account/activity", "get"),
        ("/city/pages/{slug}", "get"),
    ];
    // Every request body and answer names a schema the document defines.
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for name in [
        "Topic",
        "Comment",
        "NewTopic",
        "ModerationQueue",
        "Report",
        "Problem",
        "Timestamp",
        "Subscription",
        "Accepted",
        "FieldProblem",
        "AccountDeletion",
        "Activity",
        "CityPageText",
        "Changes",
        "NewRevision",
        "VersionList",
        "CommentNow",
        "HostInvite",
        "DeskQueue",
        "AdminTopicList",
    ] {
        assert!(schemas.contains_key(name), "schema {name}");
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["session"]["in"],
        "cookie"
    );
    let documented: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(
        documented,
        expected.len(),
        "every documented operation is expected"
    );
    for (path, method) in expected {
        assert!(
            paths[path][method].is_object(),
            "{method} {path} is documented"
        );
        // And the server answers it: anything but "no such endpoint".
        let concrete = path
            .replace("{slug}", OPEN)
            .replace("{id}", "1")
            .replace("{email}", "nobody@example.org");
        let response = app
            .http
            .request(method.to_uppercase().parse().unwrap(), app.url(&concrete))
            .send()
            .await
            .unwrap();
        assert_ne!(
            response.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        if response.status() == StatusCode::NOT_FOUND {
            let body: Value = response.json().await.unwrap();
            assert_ne!(
                body["detail"], "There is no such API endpoint.",
                "{method} {path}"
            );
        }
    }
}

#[tokio::test]
async fn the_client_is_served_with_deep_links_and_long_lived_assets() {
    let dir = std::env::temp_dir().join(format!("pulse-client-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>Pulse</title><div id=\"app\"><!--prerender--><!--/prerender--></div>",
    )
    .unwrap();
    std::fs::write(dir.join("assets/pulse-abc123_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.join("assets/pulse-abc123.js"), "export default 1;").unwrap();
    std::fs::write(dir.join("assets/pulse-abc123.js.br"), b"brotli bytes").unwrap();
    let app = spawn_with(fresh_database().await, Some(dir)).await;

    let deep = app.site(&format!("/topics/{OPEN}"), "identity").await;
    assert_eq!(deep.status(), StatusCode::OK);
    assert_eq!(deep.headers()[CACHE_CONTROL], "no-cache");
    assert!(
        deep.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'self'")
    );
    assert!(
        deep.text()
            .await
            .unwrap()
            .contains("<title>Body Worn Cameras · Pulse</title>")
    );

    let wasm = app.site("/assets/pulse-abc123_bg.wasm", "identity").await;
    assert_eq!(wasm.headers()[CONTENT_TYPE], "application/wasm");
    assert!(
        wasm.headers()[CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );

    let js = app.site("/assets/pulse-abc123.js", "br").await;
    assert_eq!(js.headers()[CONTENT_ENCODING], "br");
    assert!(
        js.headers()["vary"]
            .to_str()
            .unwrap()
            .to_lowercase()
            .contains("accept-encoding")
    );

    // The API never falls through to the page.
    problem(app.get("/topics/x/y/z", None).await, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn pages_arrive_readable_before_the_client_has_loaded() {
    let dir = std::env::temp_dir().join(format!("pulse-prerender-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>Pulse</title><div id=\"app\"><!--prerender--><p>Loading</p><!--/prerender--></div>",
    )
    .unwrap();
    let app = spawn_with(fresh_database().await, Some(dir)).await;

    let page = app.site(&format!("/topics/{OPEN}"), "identity").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(
        page.headers()[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    // The app's components render it; their markers between text are not
    // what a reader sees.
    let html = page.text().await.unwrap().replace("<!>", "");
    assert!(
        !html.contains("<p>Loading</p>"),
        "the loading note is replaced"
    );
    assert!(html.contains("<h1>Body Worn Cameras</h1>"), "{html}");
    assert!(html.contains("<span class=\"num\">§ 3</span> <span>When officers record</span>"));
    assert!(html.contains("Joy Sutton"));
    assert!(html.contains("Update from April 11 City Council Meeting"));

    let list = app.site("/", "identity").await.text().await.unwrap();
    assert!(
        list.contains("<a href=\"/topics/body-worn-cameras\">Body Worn Cameras</a>"),
        "{list}"
    );
    assert!(
        !list.contains("Downtown Parking Study"),
        "the first view is the open tab"
    );

    let closed = app
        .site(&format!("/topics/{CLOSED}"), "identity")
        .await
        .text()
        .await
        .unwrap();
    assert!(closed.contains("The deadline to participate has passed."));

    let missing = app.site("/topics/no-such-topic", "identity").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(
        missing
            .text()
            .await
            .unwrap()
            .contains("Topic not available")
    );

    let gzipped = app.site(&format!("/topics/{OPEN}"), "gzip").await;
    assert_eq!(gzipped.headers()[CONTENT_ENCODING], "gzip");
    // Brotli, kept ready for the topic's page and made once at start for
    // the app's own pages; gzip where brotli is refused.
    for path in [format!("/topics/{OPEN}"), "/sign-in".to_string()] {
        let br = app.site(&path, "gzip, deflate, br").await;
        assert_eq!(br.headers()[CONTENT_ENCODING], "br", "{path}");
        let bytes = br.bytes().await.unwrap();
        let mut html = String::new();
        std::io::Read::read_to_string(
            &mut brotli_decompressor::Decompressor::new(&bytes[..], 4096),
            &mut html,
        )
        .unwrap();
        assert!(html.starts_with("<!doctype html>"), "{path}: {html:.60}");
        let refused = app.site(&path, "br;q=0, gzip").await;
        assert_eq!(refused.headers()[CONTENT_ENCODING], "gzip", "{path}");
    }
}

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let dir = std::env::temp_dir().join(format!("pulse-headers-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>Pulse</title><div id=\"app\"><!--prerender--><!--/prerender--></div>",
    )
    .unwrap();
    std::fs::write(dir.join("assets/pulse-abc.js"), "export default 1;").unwrap();
    let app = spawn_with(fresh_database().await, Some(dir)).await;
    let ana = app.register("Ana").await;

    let mut responses = vec![
        ("API JSON", app.get("/topics", None).await),
        ("API problem", app.get("/no-such-endpoint", None).await),
        (
            "API refusal of a write",
            app.post(&format!("/topics/{OPEN}/comments"), Some(&ana), &json!({}))
                .await,
        ),
        (
            "CSV report",
            app.get(&format!("/topics/{CLOSED}/report.csv"), None).await,
        ),
    ];
    for (what, path) in [
        ("topic list page", "/"),
        ("topic page", "/topics/body-worn-cameras"),
        ("missing topic page", "/topics/no-such-topic"),
        ("deep link", "/sign-in"),
        ("static file", "/assets/pulse-abc.js"),
    ] {
        responses.push((what, app.site(path, "gzip").await));
    }
    for (what, response) in responses {
        let h = response.headers();
        let csp = h
            .get("content-security-policy")
            .unwrap_or_else(|| panic!("{what}: no CSP"))
            .to_str()
            .unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
        assert!(csp.contains("default-src 'self'"), "{what}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{what}");
        assert_eq!(h["referrer-policy"], "same-origin", "{what}");
        assert_eq!(h["x-frame-options"], "DENY", "{what}");
        assert_eq!(h["cross-origin-opener-policy"], "same-origin", "{what}");
        assert!(
            h.get("strict-transport-security").is_none(),
            "{what}: plain HTTP"
        );
    }

    // Over HTTPS (secure cookies), browsers are told to stay on HTTPS.
    let https = spawn_tuned(|c| c.secure_cookies = true).await;
    let r = https.get("/topics", None).await;
    assert_eq!(r.headers()["strict-transport-security"], "max-age=31536000");
}

#[tokio::test]
async fn pages_come_in_the_readers_language_with_their_own_title_and_preview() {
    let dir = std::env::temp_dir().join(format!("pulse-language-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let template = "<!doctype html><html lang=\"en\"><head><title>Pulse</title>\
        <meta name=\"description\" content=\"Generic.\"></head><body><div id=\"app\">\
        <!--prerender--><p>Loading</p><!--/prerender--></div></body></html>";
    std::fs::write(dir.join("index.html"), template).unwrap();
    std::fs::write(dir.join("host.html"), template).unwrap();
    let app = spawn_with(fresh_database().await, Some(dir)).await;
    let get = |path: &str, headers: &[(&str, &str)]| {
        let mut request = app.http.get(format!("{}{path}", app.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        async move { request.send().await.unwrap() }
    };

    // A shared topic previews as the topic, not as "Pulse".
    let page = get(&format!("/topics/{OPEN}"), &[]).await;
    assert!(
        page.headers()["vary"]
            .to_str()
            .unwrap()
            .contains("accept-language")
    );
    let html = page.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    assert!(
        html.contains("<title>Body Worn Cameras · Pulse</title>"),
        "{html}"
    );
    assert!(html.contains("<meta property=\"og:title\" content=\"Body Worn Cameras\">"));
    assert!(html.contains("<meta property=\"og:site_name\" content=\"Pulse\">"));
    assert!(html.contains(&format!(
        "<link rel=\"canonical\" href=\"{}/topics/{OPEN}\">",
        app.base
    )));
    assert!(
        !html.contains("content=\"Generic.\""),
        "the topic's own description"
    );
    assert!(
        html.contains("<meta name=\"description\" content=\"In 2016, the Shakopee Police"),
        "{html}"
    );

    // A browser that asks for Spanish reads Spanish: the server's first
    // view, the dates, and `lang` for the app to follow.
    let spanish = [("accept-language", "es-MX,es;q=0.9,en;q=0.5")];
    let html = get(&format!("/topics/{OPEN}"), &spanish)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("<html lang=\"es\">"), "{html}");
    assert!(html.contains("Saltar al contenido"));
    // The app has English built in; Spanish comes with the page, as data,
    // marked with the catalogue it is from (an app from another build
    // keeps to English rather than show shifted words).
    assert!(html.contains(&format!(
        "<script type=\"application/json\" id=\"pulse-messages\" data-catalogue=\"{}\">[\"",
        pulse_api::i18n::CATALOGUE_ID
    )));
    assert!(html.contains("Novedades"), "{html}");
    assert!(html.contains("<meta property=\"og:locale\" content=\"es_US\">"));
    assert!(
        html.contains(" de 20"),
        "a date as Spanish writes it: {html}"
    );
    // One topic's status in the singular; the tab naming them all, plural.
    assert!(html.contains(">Abierto ahora</span>"), "{html}");
    let list = get("/", &spanish).await.text().await.unwrap();
    assert!(
        list.contains("Abiertos ahora") && list.contains("Abierto hasta el"),
        "{list}"
    );
    assert!(list.contains(">Abierto ahora</span> · "), "{list}");
    for path in ["/sign-in", "/account", "/no/such/page"] {
        let shell = get(path, &spanish).await.text().await.unwrap();
        assert!(shell.contains("<html lang=\"es\">"), "{path}: {shell}");
    }
    let topic: Value = app
        .http
        .get(app.url(&format!("/topics/{OPEN}")))
        .header("accept-language", "es")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        topic["closes_on"].as_str().unwrap().contains(" de "),
        "{topic}"
    );

    // The header's switch is remembered, over what the browser asks for.
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let switched = no_redirects
        .get(format!(
            "{}/language/en?next=/topics/{OPEN}%23retention",
            app.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(switched.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        switched.headers()["location"],
        format!("/topics/{OPEN}#retention")
    );
    let cookie = switched.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("pulse_lang=en;"), "{cookie}");
    let chosen = get(
        &format!("/topics/{OPEN}"),
        &[("accept-language", "es"), ("cookie", "pulse_lang=en")],
    )
    .await
    .text()
    .await
    .unwrap();
    assert!(chosen.contains("<html lang=\"en\">"));
    // Never off the site, and only the languages Pulse has.
    let away = no_redirects
        .get(format!("{}/language/es?next=//evil.example/", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(away.headers()["location"], "/");
    let unknown = no_redirects
        .get(format!("{}/language/fr", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert!(unknown.headers().get("set-cookie").is_none());
}

#[tokio::test]
async fn the_citys_own_pages_are_served_and_linked_from_every_footer() {
    let dir = std::env::temp_dir().join(format!("pulse-city-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let template = "<!doctype html><html lang=\"en\"><head><title>Pulse</title>\
        <meta name=\"description\" content=\"Generic.\"></head><body><div id=\"app\">\
        <!--prerender--><p>Loading</p><!--/prerender--></div></body></html>";
    std::fs::write(dir.join("index.html"), template).unwrap();
    let app = spawn_with(fresh_database().await, Some(dir)).await;

    let page = app.site("/pages/privacy", "identity").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("<title>Privacy notice · Pulse</title>"),
        "{html}"
    );
    assert!(html.contains("<h1>Privacy notice</h1>"), "{html}");
    assert!(html.contains("Comments are public."));
    assert!(
        html.contains("href=\"/pages/comment-policy\""),
        "the footer: {html}"
    );
    assert!(html.contains("href=\"https://www.shakopeemn.gov\""));

    let missing = app.site("/pages/terms", "identity").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let text: Value = app.get_json("/city/pages/accessibility", None).await;
    assert!(text["html"].as_str().unwrap().contains("WCAG"));
    assert_eq!(text["title"], "Accessibility statement");
    problem(
        app.get("/city/pages/..%2Fetc", None).await,
        StatusCode::NOT_FOUND,
    )
    .await;

    // The shell the app loads from names the city, for its footer.
    let shell = app.site("/sign-in", "identity").await.text().await.unwrap();
    assert!(
        shell.contains("<meta name=\"pulse-city\" content=\"Pulse\" data-website=\"https://www.shakopeemn.gov\" data-pages=\"privacy comment-policy accessibility contact\" data-logo=\"\">"),
        "{shell}"
    );
}

#[tokio::test]
async fn the_citys_logo_is_in_every_header_and_only_an_image_is_taken() {
    let dir = std::env::temp_dir().join(format!("pulse-logo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><html lang=\"en\"><head><title>Pulse</title></head><body><div id=\"app\">\
         <!--prerender--><header class=\"site-header\"><a class=\"brand\" href=\"/\">Pulse</a></header>\
         <!--/prerender--></div></body></html>",
    )
    .unwrap();
    let logo = dir.join("logo.svg");
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"4\"/></svg>";
    std::fs::write(&logo, svg).unwrap();
    let (client, shown) = (dir.clone(), logo.clone());
    let app = spawn_tuned(move |c| {
        c.client_dir = client;
        c.city_logo = Some(shown);
        c.mail.city = "City of Shakopee".into();
    })
    .await;
    let served = app.site("/city/logo", "identity").await;
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers()[CONTENT_TYPE], "image/svg+xml");
    assert_eq!(served.headers()[CACHE_CONTROL], "public, max-age=86400");
    // Served under the same policy as everything: a script in it never runs.
    assert!(
        served.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'self'")
    );
    assert_eq!(served.text().await.unwrap(), svg);
    // In the header of the server's pages and of the app's shell, named for
    // the city; the app learns of it from the city's meta.
    let brand = "<a href=\"/\" class=\"brand\"><img src=\"/city/logo\" alt=\"City of Shakopee\" width=\"40\" height=\"40\" class=\"city-logo\"> Pulse</a>";
    for path in [format!("/topics/{OPEN}"), "/sign-in".to_string()] {
        let html = app.site(&path, "identity").await.text().await.unwrap();
        // (The app's components mark where one text ends and the next
        // begins: not what a reader sees.)
        let html = html.replace("<!>", "");
        assert!(html.contains(brand), "{path}: {html}");
        assert!(html.contains("data-logo=\"/city/logo\""), "{path}");
    }

    // Anything else is refused at start, with a sentence naming the file.
    let fake = dir.join("logo.png");
    std::fs::write(&fake, "<script>alert(1)</script>").unwrap();
    let big = dir.join("big.png");
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.resize(300 * 1024, 0);
    std::fs::write(&big, png).unwrap();
    for (file, says) in [
        (fake, "is not a PNG, JPEG, WebP or SVG image"),
        (big, "a logo can be at most 256 KB"),
        (dir.join("missing.png"), "reading --city-logo"),
    ] {
        let mut config = pulse_server::Config::new(fresh_database().await);
        config.bind = "127.0.0.1:0".into();
        config.city_logo = Some(file.clone());
        let error = match pulse_server::startup::build(config).await {
            Ok(_) => panic!("{} was taken as a logo", file.display()),
            Err(error) => format!("{error:#}"),
        };
        assert!(error.contains(says), "{error}");
    }
}

#[tokio::test]
async fn what_the_server_says_is_said_in_the_readers_language() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let in_spanish = |method: reqwest::Method, path: &str, user: Option<&User>| {
        let mut request = app
            .http
            .request(method, app.url(path))
            .header("accept-language", "es-MX,es;q=0.9,en;q=0.5");
        if let Some(user) = user {
            request = request.header(reqwest::header::COOKIE, &user.cookie);
        }
        request
    };
    // The deadline, with the date as Spanish writes it.
    let late = in_spanish(
        reqwest::Method::POST,
        &format!("/topics/{CLOSED}/comments"),
        Some(&ana),
    )
    .json(&json!({"section": "findings", "body": "Tarde."}))
    .send()
    .await
    .unwrap();
    let detail = problem(late, StatusCode::FORBIDDEN).await;
    assert!(
        detail.starts_with("El plazo para participar ya pasó: este tema se cerró el "),
        "{detail}"
    );
    assert!(detail.contains(" de 20"), "a Spanish date: {detail}");
    // A shared check, and each field of a form.
    let empty = in_spanish(
        reqwest::Method::POST,
        &format!("/topics/{OPEN}/comments"),
        Some(&ana),
    )
    .json(&json!({"section": SECTION_3, "body": "  "}))
    .send()
    .await
    .unwrap();
    assert_eq!(
        problem(empty, StatusCode::UNPROCESSABLE_ENTITY).await,
        "Escriba algo antes de publicar su comentario."
    );
    let form = in_spanish(reqwest::Method::POST, "/accounts", None)
        .json(&json!({"email": "no", "display_name": "Staff", "password": "short"}))
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = form.json().await.unwrap();
    let said: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["detail"].as_str().unwrap())
        .collect();
    assert_eq!(
        said,
        [
            "Escriba una dirección de correo como nombre@ejemplo.com.",
            "Un nombre no puede decir “host”, “staff”, “moderator”, “admin”, “official” ni “City of”: Pulse marca al personal de la ciudad según su función. Use su propio nombre.",
            "Elija una contraseña de al menos 10 caracteres.",
        ]
    );
    // A sentence with a value in it, an accepted request, and a missing
    // endpoint.
    let id = in_spanish(reqwest::Method::PATCH, "/comments/abc", Some(&ana))
        .json(&json!({"body": "Otra cosa."}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        problem(id, StatusCode::NOT_FOUND).await,
        "No hay ningún comentario con el identificador “abc”."
    );
    let reset = in_spanish(reqwest::Method::POST, "/password-reset", None)
        .json(&json!({"email": "nadie@example.org"}))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), StatusCode::ACCEPTED);
    let accepted: Value = reset.json().await.unwrap();
    assert!(
        accepted["detail"]
            .as_str()
            .unwrap()
            .starts_with("Si una cuenta tiene esa dirección"),
        "{accepted}"
    );
    let nowhere = in_spanish(reqwest::Method::GET, "/no-such-endpoint", None)
        .send()
        .await
        .unwrap();
    assert_eq!(
        problem(nowhere, StatusCode::NOT_FOUND).await,
        "No existe ese punto de la API."
    );
    // The reader's choice in the header's switch counts over the browser's,
    // and English stays the default.
    let chosen = app
        .http
        .get(app.url("/no-such-endpoint"))
        .header("accept-language", "es")
        .header(reqwest::header::COOKIE, "pulse_lang=en")
        .send()
        .await
        .unwrap();
    assert_eq!(
        problem(chosen, StatusCode::NOT_FOUND).await,
        "There is no such API endpoint."
    );
}

/// A schema as the JSON it describes: `allOf` parts (a flattened struct)
/// merged into one object's properties and required names, the required
/// names in order, and the descriptions (words for people) left out.
fn described_json(schema: &Value, schemas: &serde_json::Map<String, Value>) -> Value {
    shape(&merged(schema, schemas))
}

fn shape(schema: &Value) -> Value {
    match schema {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(key, _)| key.as_str() != "description")
                .map(|(key, value)| {
                    let value = match (key.as_str(), value) {
                        ("required", Value::Array(names)) => {
                            let mut names = names.clone();
                            names.sort_by_key(|v| v.as_str().unwrap_or_default().to_string());
                            Value::Array(names)
                        }
                        _ => shape(value),
                    };
                    (key.clone(), value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(shape).collect()),
        other => other.clone(),
    }
}

fn merged(schema: &Value, schemas: &serde_json::Map<String, Value>) -> Value {
    let Some(parts) = schema.get("allOf").and_then(Value::as_array) else {
        return schema.clone();
    };
    let mut properties = serde_json::Map::new();
    let mut required: Vec<Value> = Vec::new();
    for part in parts {
        let part = match part.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference.trim_start_matches("#/components/schemas/");
                merged(&schemas[name], schemas)
            }
            None => merged(part, schemas),
        };
        if let Some(p) = part.get("properties").and_then(Value::as_object) {
            properties.extend(p.clone());
        }
        if let Some(r) = part.get("required").and_then(Value::as_array) {
            required.extend(r.iter().cloned());
        }
    }
    required.sort_by_key(|v| v.as_str().unwrap_or_default().to_string());
    let mut merged = serde_json::json!({"type": "object", "properties": properties});
    if !required.is_empty() {
        merged["required"] = Value::Array(required);
    }
    for (key, value) in schema.as_object().into_iter().flatten() {
        if key != "allOf" {
            merged[key] = value.clone();
        }
    }
    merged
}

/// The document clients build on (`docs/openapi.json`) still describes
/// the API: the same paths, and schemas that describe the same JSON, however
/// the wire types are composed. A change to the API is made on purpose:
/// `PULSE_BLESS_OPENAPI=1` writes the new document there to be committed.
#[tokio::test]
async fn the_openapi_document_describes_the_api_clients_know() {
    let app = spawn_app().await;
    let served: Value = app.get_json("/openapi.json", None).await;
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/openapi.json");
    if std::env::var("PULSE_BLESS_OPENAPI").as_deref() == Ok("1") {
        let text = serde_json::to_string_pretty(&served).unwrap();
        std::fs::write(&file, text + "\n").unwrap();
    }
    let known: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(
        shape(&served["paths"]),
        shape(&known["paths"]),
        "the paths changed"
    );
    let normal = |doc: &Value| -> serde_json::Map<String, Value> {
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        schemas
            .iter()
            .map(|(name, schema)| (name.clone(), described_json(schema, schemas)))
            .collect()
    };
    let (now, before) = (normal(&served), normal(&known));
    let mut differ: Vec<&String> = now
        .keys()
        .chain(before.keys())
        .filter(|name| now.get(*name) != before.get(*name))
        .collect();
    differ.dedup();
    assert!(
        differ.is_empty(),
        "these schemas describe other JSON than docs/openapi.json: {differ:?}"
    );
}
