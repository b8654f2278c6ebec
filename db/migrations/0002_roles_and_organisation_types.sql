-- Reference data: roles, their permissions, organisation types. Later changes come as new migrations
-- or through the administration screens; the policy engine validates these rows at start-up.

INSERT INTO roles (code, name_uk, name_en, mfa_required, position) VALUES
  ('system_admin',           'Системний адміністратор',                 'System administrator',            true, 1),
  ('org_admin',              'Адміністратор організації',               'Organisation administrator',      true, 2),
  ('hotline_operator',       'Оператор гарячої лінії',                  'Hotline operator',                true, 3),
  ('case_worker',            'Фахівець із ведення випадків',            'Case worker',                     true, 4),
  ('responsible_official',   'Відповідальна посадова особа',            'Responsible official',            true, 5),
  ('decision_body_member',   'Член органу, що ухвалює рішення',         'Decision-body member',            true, 6),
  ('police_liaison',         'Контактна особа Національної поліції',    'Police liaison',                  true, 7),
  ('programme_officer',      'Фахівець програм',                        'Programme officer',               true, 8),
  ('analyst',                'Аналітик',                                'Analyst',                         false, 9),
  ('coalition_monitor',      'Монітор Коаліції',                        'Coalition monitor',               false, 10),
  ('data_protection_officer','Відповідальний за захист персональних даних','Data protection officer',       true, 11);

-- Every signed-in user: home, geography, directory, own profile, own account.
INSERT INTO role_permissions (role_code, action, scope)
SELECT r.code, p.action, p.scope
FROM roles r
CROSS JOIN (VALUES ('home.read', 'all'), ('geography.read', 'all'), ('organisation.read', 'all'),
                   ('role.read', 'all'), ('profile.manage', 'self'), ('user.read', 'self')) AS p(action, scope);

INSERT INTO role_permissions (role_code, action, scope) VALUES
  ('system_admin', 'organisation.manage', 'all'),
  ('system_admin', 'user.read', 'all'),
  ('system_admin', 'user.manage', 'all'),
  ('system_admin', 'role.manage', 'all'),
  ('system_admin', 'audit.read', 'all'),
  ('system_admin', 'audit.export', 'all'),
  ('org_admin', 'organisation.manage', 'organisation'),
  ('org_admin', 'user.read', 'organisation'),
  ('org_admin', 'user.manage', 'organisation'),
  ('org_admin', 'audit.read', 'organisation'),
  ('data_protection_officer', 'user.read', 'all'),
  ('data_protection_officer', 'audit.read', 'all'),
  ('data_protection_officer', 'audit.export', 'all');

INSERT INTO organisation_types (code, name_uk, name_en, position) VALUES
  ('ministry_social_policy',   'Міністерство соціальної політики',                         'Ministry of Social Policy', 1),
  ('national_social_service',  'Національна соціальна сервісна служба',                    'National Social Service', 2),
  ('nss_oblast_department',    'Управління Нацсоцслужби в області',                        'National Social Service oblast department', 3),
  ('oblast_administration',    'Обласна державна адміністрація (структурний підрозділ)',   'Oblast state administration unit', 4),
  ('raion_administration',     'Районна державна адміністрація (структурний підрозділ)',   'Raion state administration unit', 5),
  ('city_administration',      'Міська державна адміністрація (структурний підрозділ)',    'City state administration unit', 6),
  ('community_body',           'Орган місцевого самоврядування територіальної громади',    'Territorial community body', 7),
  ('social_services_centre',   'Центр соціальних служб',                                   'Centre of social services', 8),
  ('childrens_service',        'Служба у справах дітей',                                   'Children''s service', 9),
  ('administrative_service_centre', 'Центр надання адміністративних послуг',               'Administrative service centre', 10),
  ('police',                   'Підрозділ Національної поліції',                           'National Police unit', 11),
  ('border_guard',             'Державна прикордонна служба',                              'Border guard', 12),
  ('migration_service',        'Державна міграційна служба',                               'Migration service', 13),
  ('prosecutor',               'Прокуратура',                                              'Prosecutor', 14),
  ('court',                    'Суд',                                                      'Court', 15),
  ('embassy',                  'Посольство або консульство',                               'Embassy or consulate', 16),
  ('ngo',                      'Громадська організація',                                   'NGO', 17),
  ('international_organisation','Міжнародна організація',                                  'International organisation', 18),
  ('hotline',                  'Гаряча лінія',                                             'Hotline', 19),
  ('shelter',                  'Притулок',                                                 'Shelter', 20),
  ('health_facility',          'Заклад охорони здоров’я',                                  'Health facility', 21),
  ('employment_centre',        'Центр зайнятості',                                         'Employment centre', 22),
  ('other',                    'Інше',                                                     'Other', 23);
