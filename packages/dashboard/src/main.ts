import { AppShell } from './app-shell.js';
import { adoptKeyFromLocation } from './auth/session-key.js';
import './styles.css';

// A login link (`#key=…`) is read, stored and stripped from the URL before anything else runs.
adoptKeyFromLocation();
const app = document.querySelector<HTMLElement>('#app');
if (app !== null) new AppShell(app).start();
