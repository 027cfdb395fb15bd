import type { FakeCatalogOptions, FakeTemplate } from '../../fakes/templates'

/** A small, varied template list for the fakes: 6 templates, 3 pages of 2. */
export const CATALOG: FakeTemplate[] = [
  {
    name: 'order_update',
    language: 'en_US',
    status: 'APPROVED',
    category: 'UTILITY',
    components: [
      {
        type: 'BODY',
        text: 'Hi {{1}}, order {{2}} ships on {{3}}.',
        example: { body_text: [['Ana', '#1234', 'Friday']] }
      }
    ]
  },
  {
    name: 'welcome_named',
    language: 'en',
    status: 'APPROVED',
    category: 'MARKETING',
    parameter_format: 'NAMED',
    components: [
      { type: 'BODY', text: 'Welcome {{first_name}} from {{city}}!' },
      { type: 'FOOTER', text: 'Reply STOP to opt out' }
    ]
  },
  {
    name: 'spring_promo',
    language: 'en',
    status: 'APPROVED',
    category: 'MARKETING',
    quality_score: { score: 'GREEN' },
    components: [
      { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['https://x.test/a.jpg'] } },
      { type: 'BODY', text: 'Hi {{1}}, spring is here.' },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'URL', text: 'Shop', url: 'https://shop.test/{{1}}' },
          { type: 'QUICK_REPLY', text: 'Stop' }
        ]
      }
    ]
  },
  {
    name: 'login_code',
    language: 'en',
    status: 'APPROVED',
    category: 'AUTHENTICATION',
    components: [
      { type: 'BODY', text: '{{1}} is your code.' },
      { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: '123456' }] }
    ]
  },
  {
    name: 'winback',
    language: 'en',
    status: 'PAUSED',
    category: 'MARKETING',
    quality_score: { score: 'RED' },
    components: [{ type: 'BODY', text: 'We miss you {{1}}' }]
  },
  {
    name: 'order_update',
    language: 'es',
    status: 'APPROVED',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'Hola {{1}}, el pedido {{2}} sale el {{3}}.' }]
  }
]

export const catalog = (pageSize = 2): FakeCatalogOptions => ({ templates: CATALOG, pageSize })
