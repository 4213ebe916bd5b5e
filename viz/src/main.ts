import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";

/** Mounts the visualizer on the page. */
const app = mount(App, { target: document.getElementById("app")! });

export default app;
