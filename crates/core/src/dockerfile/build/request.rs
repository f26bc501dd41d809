//! The Test build of what the generator wrote for the page: its Dockerfile and `.dockerignore`,
//! and the session's proxy variables passed by name (`--build-arg NAME`: docker takes each value
//! from its own environment, so no proxy password is written into the command). Build args the
//! Docker client's `proxies` entry already passes are not repeated (engine_config's `build_args`
//! is empty then).

use super::TestBuildRequest;
use crate::dockerfile::engine_config::EngineConfig;
use crate::dockerfile::{Generated, DOCKERFILE, DOCKERIGNORE};

/// The request "Test build" sends for `generated` in `dir`, under the engine configuration read
/// moments ago.
pub fn request_for(dir: &str, generated: &Generated, config: &EngineConfig) -> TestBuildRequest {
    let file = |path: &str| {
        generated
            .files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.content.clone())
    };
    TestBuildRequest {
        dir: dir.to_string(),
        dockerfile: file(DOCKERFILE).unwrap_or_default(),
        dockerignore: file(DOCKERIGNORE),
        build_args: config
            .build_args
            .iter()
            .filter_map(|flag| flag.strip_prefix("--build-arg "))
            .map(str::to_string)
            .collect(),
        ..TestBuildRequest::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dockerfile::engine_config::{self, EngineConfigPaths};
    use crate::dockerfile::GeneratedFile;
    use crate::sysenv::SysEnv;

    fn generated() -> Generated {
        Generated {
            files: vec![
                GeneratedFile {
                    path: DOCKERFILE.into(),
                    content: "FROM scratch\n".into(),
                },
                GeneratedFile {
                    path: DOCKERIGNORE.into(),
                    content: ".git\n".into(),
                },
            ],
            build_command: String::new(),
            warnings: Vec::new(),
        }
    }

    fn config(vars: &[(&str, &str)], client_json: Option<&str>) -> EngineConfig {
        let dir = tempfile::tempdir().expect("tempdir");
        let client = dir.path().join("config.json");
        if let Some(json) = client_json {
            std::fs::write(&client, json).expect("write");
        }
        let paths = EngineConfigPaths {
            client_config: Some(client),
            daemon_config: dir.path().join("daemon.json"),
        };
        let env = SysEnv::from_vars(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        engine_config::inspect(&env, &paths, "")
    }

    #[test]
    fn builds_the_generated_files_with_proxies_by_name_only() {
        let secret_proxy = "http://user:pr0xy-pass@proxy.corp.example:3128";
        let config = config(
            &[("HTTPS_PROXY", secret_proxy), ("NO_PROXY", "localhost")],
            None,
        );
        let request = request_for("/src/app", &generated(), &config);
        assert_eq!(request.dir, "/src/app");
        assert_eq!(request.dockerfile, "FROM scratch\n");
        assert_eq!(request.dockerignore.as_deref(), Some(".git\n"));
        assert_eq!(request.build_args, vec!["HTTPS_PROXY", "NO_PROXY"]);
        assert!(!format!("{request:?}").contains("pr0xy-pass"));
        super::super::command::check(&request).expect("a request the runner accepts");
    }

    #[test]
    fn leaves_proxies_to_the_client_config_that_passes_them() {
        let config = config(
            &[("HTTPS_PROXY", "http://proxy.corp.example:3128")],
            Some(r#"{"proxies": {"default": {"httpsProxy": "http://proxy.corp.example:3128"}}}"#),
        );
        let request = request_for("/src/app", &generated(), &config);
        assert!(request.build_args.is_empty(), "{:?}", request.build_args);
    }
}
