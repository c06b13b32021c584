import { createBrowserRouter } from 'react-router-dom';
import { AppLayout } from './layout/AppLayout';
import { NotFoundPage } from './pages/NotFoundPage';
import { BodiesPage } from './pages/bodies/BodiesPage';
import { CommunitiesPage } from './pages/communities/CommunitiesPage';
import { CoopsPage } from './pages/coops/CoopsPage';
import { DepartmentsPage } from './pages/departments/DepartmentsPage';
import { HomePage } from './pages/home/HomePage';
import { TeamsPage } from './pages/teams/TeamsPage';

// Paths match the menu in layout/nav.tsx.
export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'org/teams', element: <TeamsPage /> },
      { path: 'org/departments', element: <DepartmentsPage /> },
      { path: 'org/communities', element: <CommunitiesPage /> },
      { path: 'org/coops', element: <CoopsPage /> },
      { path: 'org/bodies', element: <BodiesPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
