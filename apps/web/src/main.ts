import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { App } from './app/app';
import { warmUp } from './app/warm-up';
import { yieldToMain } from './app/yield';

warmUp(window.location.pathname);

// The scripts' evaluation and the app's start are two tasks, not one (see yieldToMain).
yieldToMain()
  .then(() => bootstrapApplication(App, appConfig))
  .catch((err) => console.error(err));
