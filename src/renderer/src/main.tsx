import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';
import { detectBridge } from './bridge';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App bridge={detectBridge()} />
  </StrictMode>,
);
