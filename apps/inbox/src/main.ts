// The inbox's entry point: defines <lc-inbox> and everything it shows.
import "./components/inbox-app.js";
