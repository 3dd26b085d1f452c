//! The libyaml typed floor of `bench/run.sh` (issue 18): read the file and
//! deserialize it with `serde_yaml` 0.9 (libyaml, through unsafe-libyaml) into
//! plain serde structs shaped like a spec, and nothing else: no positions, no
//! checks, no model. This is what a typed parse costs at libyaml's speed; the
//! binary is measured against it. A bench-only dependency, never in journeymap.
//!
//! Prints the number of touchpoints read, so the work cannot be skipped; frees
//! nothing (the OS reclaims it at exit, as for `floor`).

use serde::Deserialize;
use std::collections::BTreeMap;
use std::process::ExitCode;

type Free = serde_yaml::Value;

#[derive(Deserialize)]
#[allow(dead_code)]
struct Spec {
    journeymap: u32,
    title: String,
    description: Option<String>,
    locale: Option<String>,
    state: Option<String>,
    version: Option<Free>,
    owner: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    scale: Option<Scale>,
    loop_to: Option<String>,
    #[serde(default)]
    lints: BTreeMap<String, String>,
    #[serde(default)]
    personas: Vec<Persona>,
    #[serde(default)]
    channels: Vec<Channel>,
    #[serde(default)]
    stages: Vec<Stage>,
    // `x-` keys are skipped (an unknown field): `#[serde(flatten)]` would buffer the whole spec.
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Scale {
    min: f64,
    max: f64,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Persona {
    id: String,
    name: String,
    role: Option<String>,
    avatar: Option<String>,
    quote: Option<String>,
    segment: Option<String>,
    #[serde(default)]
    goals: Vec<String>,
    #[serde(default)]
    needs: Vec<String>,
    #[serde(default)]
    pains: Vec<String>,
    #[serde(default)]
    attributes: BTreeMap<String, Free>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Channel {
    id: String,
    name: String,
    kind: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Stage {
    id: Option<String>,
    name: String,
    description: Option<String>,
    goal: Option<String>,
    #[serde(default)]
    questions: Vec<String>,
    #[serde(default)]
    kpis: Vec<String>,
    #[serde(default)]
    pain_points: Vec<Item>,
    #[serde(default)]
    opportunities: Vec<Item>,
    #[serde(default)]
    touchpoints: Vec<Touchpoint>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Touchpoint {
    id: Option<String>,
    name: String,
    channel: Option<String>,
    action: Option<String>,
    thought: Option<String>,
    emotion: Option<Emotion>,
    feeling: Option<String>,
    moment_of_truth: Option<bool>,
    owner: Option<String>,
    #[serde(default)]
    personas: Vec<String>,
    #[serde(default)]
    pain_points: Vec<Item>,
    #[serde(default)]
    opportunities: Vec<Item>,
    #[serde(default)]
    backstage: Vec<String>,
    #[serde(default)]
    evidence: Vec<String>,
    #[serde(default)]
    metrics: BTreeMap<String, Free>,
}

#[derive(Deserialize)]
#[serde(untagged)]
#[allow(dead_code)]
enum Emotion {
    One(f64),
    PerPersona(BTreeMap<String, f64>),
}

#[derive(Deserialize)]
#[serde(untagged)]
#[allow(dead_code)]
enum Item {
    Text(String),
    Full {
        text: String,
        priority: Option<String>,
        owner: Option<String>,
    },
}

fn main() -> ExitCode {
    let mut touchpoints = 0;
    for arg in std::env::args_os().skip(1) {
        let text = match std::fs::read_to_string(&arg) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("floor-libyaml: {}: {e}", arg.to_string_lossy());
                return ExitCode::from(2);
            }
        };
        let spec: Spec = match serde_yaml::from_str(&text) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("floor-libyaml: {e}");
                return ExitCode::from(1);
            }
        };
        touchpoints += spec
            .stages
            .iter()
            .map(|s| s.touchpoints.len())
            .sum::<usize>();
        std::mem::forget(spec);
        std::mem::forget(text);
    }
    println!("{touchpoints}");
    ExitCode::SUCCESS
}
