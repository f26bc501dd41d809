import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { i18n } from "$lib/i18n/i18n.svelte";
import { theme } from "$lib/theme/theme.svelte";

theme.start();
i18n.applyToDocument();

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");

export default mount(App, { target });
